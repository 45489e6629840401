package org.keywork.notification.alert;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.keywork.events.TrackingStatus;
import org.keywork.support.store.DocumentStore;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.aggregation.Aggregation;
import org.springframework.data.mongodb.core.index.CompoundIndexDefinition;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.index.IndexDefinition;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The alerts collection ({@value Alert#COLLECTION}): the indexes its queries use, created at start-up, and the
 * queries of the alert list and of the departments' feedback.
 *
 * <ul>
 * <li>{@value Alert#ESCALATION_CHECK} and {@value Alert#DIGEST_PENDING}, unique and sparse: the escalation sweep and
 * the digest dispatch read only the alerts that have work due (on the embedded wire server too, which serves them from
 * the index alone);</li>
 * <li>{@code planYear, targetId, status}: the unresolved alerts of one target, resolved when it recovers;</li>
 * <li>{@code recipients.position, raisedAt}: an inbox, newest first;</li>
 * <li>{@code raisedAt, asOf, _id} ({@value #NEWEST}): the whole list newest first, a page of it and the counts by
 * status: every list query carries a {@code raisedAt} range (from the epoch when no {@code from} is given), so
 * this index serves any combination of filters, and the more selective ones below are chosen when given;</li>
 * <li>{@code itemId, raisedAt} ({@value #BY_ITEM}): one item, or a section (an anchored prefix of the item id);</li>
 * <li>{@code leaderPosition, raisedAt} ({@value #BY_LEADER}): the alerts of a responsible leader;</li>
 * <li>{@code leadDepartment, raisedAt} and {@code cooperatingDepartments, raisedAt}: a department's alerts.</li>
 * </ul>
 * The text filter {@code q} (item id, item title, title, message) is applied on what the chosen index yields. A
 * feedback entry is appended by one conditional update on {@code _id}. Alerts are kept: they are the record of who
 * was told what and when (the 考核 and the 督查 rest on them).
 */
@Component
class AlertStore extends DocumentStore {

    static final String NEWEST = "newest";
    static final String BY_ITEM = "item-raised";
    static final String BY_LEADER = "leader-raised";

    AlertStore(MongoTemplate mongo) {
        super(mongo, Alert.COLLECTION);
    }

    @Override
    public List<IndexDefinition> indexes() {
        return List.of(
                new Index(Alert.ESCALATION_CHECK, Sort.Direction.ASC).unique().sparse().named(Alert.ESCALATION_CHECK),
                new Index(Alert.DIGEST_PENDING, Sort.Direction.ASC).unique().sparse().named(Alert.DIGEST_PENDING),
                new CompoundIndexDefinition(new org.bson.Document("planYear", 1).append("targetId", 1)
                        .append("status", 1)).named("target-status"),
                new CompoundIndexDefinition(new org.bson.Document("recipients.position", 1).append("raisedAt", -1))
                        .named("inbox"),
                new CompoundIndexDefinition(new org.bson.Document("raisedAt", -1).append("asOf", -1)
                        .append("_id", 1)).named(NEWEST),
                new CompoundIndexDefinition(new org.bson.Document("itemId", 1).append("raisedAt", -1))
                        .named(BY_ITEM),
                new CompoundIndexDefinition(new org.bson.Document("leaderPosition", 1).append("raisedAt", -1))
                        .named(BY_LEADER),
                new CompoundIndexDefinition(new org.bson.Document("leadDepartment", 1).append("raisedAt", -1))
                        .named("lead-department-raised"),
                new CompoundIndexDefinition(new org.bson.Document("cooperatingDepartments", 1)
                        .append("raisedAt", -1)).named("cooperating-raised"));
    }

    /**
     * What the alert list asks for; null (or empty) means any.
     *
     * @param addressedTo     the caller's own inbox: alerts addressed to one of these positions or departments
     * @param status          OPEN, ACKNOWLEDGED or RESOLVED
     * @param itemId          one item
     * @param planYear        the plan year
     * @param section         the item's section number, the part of the item id before the dot
     * @param leaderPositions the responsible leader's position is one of these
     * @param severity        the alert's level, YELLOW or RED
     * @param text            a piece of the item id, the item's title, the alert's title or message
     * @param from            raised at or after
     * @param to              raised before
     */
    record Filter(List<String> addressedTo, AlertStatus status, String itemId, Integer planYear, String section,
            List<String> leaderPositions, TrackingStatus severity, String text, Instant from, Instant to) {

        Filter withoutStatus() {
            return new Filter(addressedTo, null, itemId, planYear, section, leaderPositions, severity, text, from, to);
        }
    }

    Optional<Alert> find(String alertId) {
        return Optional.ofNullable(mongo.findById(alertId, Alert.class));
    }

    /** The alerts matching the filter, newest first, {@code limit} of them after skipping {@code skip}. */
    List<Alert> find(Filter filter, long skip, int limit) {
        return mongo.find(newestFirst(criteria(filter)).skip(skip).limit(limit), Alert.class);
    }

    /** How many alerts match the filter but for its status, by status (every status present, 0 if none). */
    Map<AlertStatus, Long> countByStatus(Filter filter) {
        Map<AlertStatus, Long> counts = new EnumMap<>(AlertStatus.class);
        for (AlertStatus status : AlertStatus.values()) {
            counts.put(status, 0L);
        }
        List<Criteria> criteria = criteria(filter.withoutStatus());
        Aggregation byStatus = Aggregation.newAggregation(
                Aggregation.match(new Criteria().andOperator(criteria)),
                Aggregation.group("status").count().as("n"));
        for (org.bson.Document row : mongo.aggregate(byStatus, Alert.COLLECTION, org.bson.Document.class)) {
            Object status = row.get("_id");
            if (status != null) {
                try {
                    counts.put(AlertStatus.valueOf(status.toString()), ((Number) row.get("n")).longValue());
                } catch (IllegalArgumentException unknown) {
                    // a status this build does not know: not counted
                }
            }
        }
        return counts;
    }

    /**
     * Appends a feedback entry to the alert, if it has none with that id and fewer than
     * {@value AlertFeedback#MAX_ENTRIES}: one conditional update on {@code _id}. False when nothing changed (the
     * caller reads the alert to tell a retry, a full list and a missing alert apart).
     */
    boolean appendFeedback(String alertId, AlertFeedback entry) {
        Query room = Query.query(Criteria.where("_id").is(alertId)
                .and("feedback.feedbackId").ne(entry.feedbackId())
                .and("feedback." + (AlertFeedback.MAX_ENTRIES - 1)).exists(false));
        return mongo.updateFirst(room, new Update().push("feedback", entry), Alert.class).getModifiedCount() == 1;
    }

    /** The criteria of a list query: always a {@code raisedAt} range, so that an index serves it. */
    static List<Criteria> criteria(Filter f) {
        List<Criteria> criteria = new ArrayList<>();
        Criteria raised = Criteria.where("raisedAt").gte(f.from() == null ? Instant.EPOCH : f.from());
        if (f.to() != null) {
            raised = raised.lt(f.to());
        }
        criteria.add(raised);
        if (f.status() != null) {
            criteria.add(Criteria.where("status").is(f.status()));
        }
        if (f.itemId() != null) {
            criteria.add(Criteria.where("itemId").is(f.itemId()));
        }
        if (f.section() != null) {
            criteria.add(Criteria.where("itemId").regex("^" + f.section() + "\\.")); // digits only (checked)
        }
        if (f.planYear() != null) {
            criteria.add(Criteria.where("planYear").is(f.planYear()));
        }
        if (f.severity() != null) {
            criteria.add(Criteria.where("severity").is(f.severity()));
        }
        if (f.leaderPositions() != null) {
            criteria.add(Criteria.where("leaderPosition").in(f.leaderPositions()));
        }
        if (f.addressedTo() != null) {
            criteria.add(addressedTo(f.addressedTo()));
        }
        if (f.text() != null) {
            Pattern text = Pattern.compile(Pattern.quote(f.text()), Pattern.CASE_INSENSITIVE);
            criteria.add(new Criteria().orOperator(Criteria.where("itemId").regex(text),
                    Criteria.where("itemTitle").regex(text), Criteria.where("title").regex(text),
                    Criteria.where("message").regex(text)));
        }
        return criteria;
    }

    /** Addressed to one of the positions, or led or co-operated on by one of them as a department. */
    static Criteria addressedTo(List<String> positions) {
        return new Criteria().orOperator(Criteria.where("recipients.position").in(positions),
                Criteria.where("recipientPosition").in(positions),
                Criteria.where("leadDepartment").in(positions),
                Criteria.where("cooperatingDepartments").in(positions));
    }

    /** The filters, newest first (ties: the later as-of date first, then by id). */
    static Query newestFirst(List<Criteria> filters) {
        Query query = filters.isEmpty() ? new Query() : Query.query(new Criteria().andOperator(filters));
        return query.with(Sort.by(Sort.Order.desc("raisedAt"), Sort.Order.desc("asOf"), Sort.Order.asc("alertId")));
    }
}
