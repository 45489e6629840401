package org.keywork.project.project;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.keywork.support.events.EventOutbox;
import org.keywork.support.events.OutboxEntry;
import org.keywork.support.events.OutboxRelay;
import org.keywork.support.store.DocumentStore;
import org.keywork.support.store.DueMarker;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.CompoundIndexDefinition;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.index.IndexDefinition;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/**
 * The store of {@code construction_items}: reads the stored construction items of a plan year in document order (by
 * section, then item number), finds the items whose milestones are due a look, and records changes of who answers
 * for an item and of its milestones' tracking.
 *
 * <p>Indexes: {@code planYear+section+itemNumber} (unique: an item id {@code S.N} is unique in its year) serves a
 * year's list and its order; {@value ConstructionItem#MILESTONE_CHECK} (unique, sparse, a {@link DueMarker}) serves
 * the daily sweep, which so reads only the items with a milestone due a look. (Plan definitions are written by
 * {@link ConstructionItemDefinitions} by {@code _id}.)
 */
@Service
class StoredConstructionItems extends DocumentStore {

    private final OutboxRelay relay;

    StoredConstructionItems(MongoTemplate mongo, OutboxRelay relay) {
        super(mongo, ConstructionItem.COLLECTION);
        this.relay = relay;
    }

    @Override
    public List<IndexDefinition> indexes() {
        return List.of(
                new CompoundIndexDefinition(new Document("planYear", 1).append("section", 1).append("itemNumber", 1))
                        .unique().named("planYear_section_itemNumber"),
                new Index(ConstructionItem.MILESTONE_CHECK, Sort.Direction.ASC).unique().sparse()
                        .named(ConstructionItem.MILESTONE_CHECK));
    }

    List<ConstructionItem> list(int planYear, Boolean starred) {
        Criteria criteria = Criteria.where("planYear").is(planYear);
        if (starred != null) {
            criteria = criteria.and("starred").is(starred);
        }
        return mongo.find(Query.query(criteria).with(Sort.by("section", "itemNumber")), ConstructionItem.class);
    }

    Optional<ConstructionItem> find(int planYear, String itemId) {
        return Optional.ofNullable(mongo.findById(ConstructionItem.id(planYear, itemId), ConstructionItem.class));
    }

    /** Up to {@code limit} items whose milestones are due a look on {@code day} or before (served by the marker). */
    List<ConstructionItem> milestonesDueBy(LocalDate day, int limit) {
        return mongo.find(Query.query(Criteria.where(ConstructionItem.MILESTONE_CHECK).regex(DueMarker.dueBy(day)))
                .limit(limit), ConstructionItem.class);
    }

    /** Every stored item, of every year: for a full re-judgement (the clock set back, a sweep on demand). */
    List<ConstructionItem> all() {
        return mongo.findAll(ConstructionItem.class);
    }

    /**
     * Stores the milestones of {@code expected} as judged, moves its due marker to {@code nextLook} (removes it when
     * null) and appends {@code events} to its outbox, in one write, if nobody changed the item since it was read
     * (compare-and-set on {@code revision}). Returns false on a lost race: the caller reads again and judges again.
     */
    boolean judged(ConstructionItem expected, List<Milestone> milestones, LocalDate nextLook,
            List<OutboxEntry> events) {
        Update update = new Update().set("milestones", milestones).inc(REVISION, 1);
        if (nextLook == null) {
            update.unset(ConstructionItem.MILESTONE_CHECK);
        } else {
            update.set(ConstructionItem.MILESTONE_CHECK, DueMarker.mark(nextLook, expected.id()));
        }
        EventOutbox.append(update, expected.id(), events);
        boolean changed = mongo.updateFirst(Query.query(expected.stillAsRead()), update, ConstructionItem.class)
                .getMatchedCount() == 1;
        if (changed && !events.isEmpty()) {
            relay.publishSoon(ConstructionItem.COLLECTION, expected.id());
        }
        return changed;
    }

    /**
     * Sets the responsibility {@code change} names (no longer sample), records the change with the item and appends
     * {@code published} to its outbox, in one write, if nobody changed the item since {@code expected} was read
     * (compare-and-set on {@code revision}). Returns false on a lost race: the caller reads again and retries.
     */
    boolean changeResponsibility(ConstructionItem expected, ResponsibilityChange change, OutboxEntry published) {
        Update update = new Update().set("responsibility", change.after()).set("sampleResponsibility", false)
                .push("responsibilityChanges", change).inc(REVISION, 1);
        EventOutbox.append(update, expected.id(), published);
        boolean changed = mongo.updateFirst(Query.query(expected.stillAsRead()), update, ConstructionItem.class)
                .getMatchedCount() == 1;
        if (changed) {
            relay.publishSoon(ConstructionItem.COLLECTION, expected.id());
        }
        return changed;
    }
}
