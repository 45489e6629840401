package org.keywork.goal.plan;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.keywork.support.events.OutboxEntry;
import org.keywork.support.events.OutboxRelay;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/** The stored plan items of goal-service, and the one way to change one: compare-and-set on its revision. */
@Component
public class PlanItems {

    private static final Comparator<PlanItem> READING_ORDER = Comparator.comparingInt(PlanItem::section)
            .thenComparingInt(item -> Integer.parseInt(item.itemId().substring(item.itemId().indexOf('.') + 1)));

    private final MongoTemplate mongo;
    private final OutboxRelay relay;

    PlanItems(MongoTemplate mongo, OutboxRelay relay) {
        this.mongo = mongo;
        this.relay = relay;
    }

    public Optional<PlanItem> find(int planYear, String itemId) {
        return Optional.ofNullable(mongo.findById(PlanItem.id(planYear, itemId), PlanItem.class));
    }

    public List<PlanItem> ofYear(int planYear) {
        return mongo.find(Query.query(Criteria.where("planYear").is(planYear)), PlanItem.class).stream()
                .sorted(READING_ORDER).toList();
    }

    /** Every stored item of every plan year, by year and in reading order. */
    public List<PlanItem> all() {
        return mongo.findAll(PlanItem.class).stream()
                .sorted(Comparator.comparingInt(PlanItem::planYear).thenComparing(READING_ORDER)).toList();
    }

    /**
     * Makes the stored item what {@code definition} says (as one plan version defines it), announcing it with
     * {@code published}. Indicators whose id persists keep what was reported and judged. Does nothing when that
     * version, or a later one, already defined the item: applying a version twice is harmless.
     */
    public void define(PlanItem definition, OutboxEntry published) {
        while (true) {
            PlanItem existing = mongo.findById(definition.id(), PlanItem.class);
            if (existing == null) {
                try {
                    mongo.insert(withOutbox(definition, List.of(published)));
                    relay.publishSoon(PlanItem.COLLECTION, definition.id());
                    return;
                } catch (DuplicateKeyException raced) {
                    continue;
                }
            }
            if (definition.definedBy().equals(existing.definedBy())
                    || existing.planVersion() > definition.planVersion()) {
                return;
            }
            List<Indicator> indicators = definition.indicators().stream()
                    .map(wanted -> existing.indicator(wanted.id()).map(kept -> kept.redefinedAs(wanted))
                            .orElse(wanted))
                    .toList();
            Update update = new Update().set("section", definition.section())
                    .set("sectionTitle", definition.sectionTitle()).set("title", definition.title())
                    .set("starred", definition.starred()).set("starCount", definition.starCount())
                    .set("responsibility", definition.responsibility())
                    .set("sampleResponsibility", definition.sampleResponsibility())
                    .set("planVersion", definition.planVersion()).set("definedBy", definition.definedBy())
                    .set("indicators", indicators).push("outbox", published).inc("revision", 1);
            if (compareAndSet(existing, update)) {
                relay.publishSoon(PlanItem.COLLECTION, definition.id());
                return;
            }
        }
    }

    /** Records a new responsibility for the item with the change, and announces it; false on a lost race. */
    public boolean changeResponsibility(PlanItem expected, ResponsibilityChange change, OutboxEntry published) {
        Update update = new Update().set("responsibility", change.after()).set("sampleResponsibility", false)
                .push("responsibilityChanges", change).push("outbox", published).inc("revision", 1);
        boolean changed = compareAndSet(expected, update);
        if (changed) {
            relay.publishSoon(PlanItem.COLLECTION, expected.id());
        }
        return changed;
    }

    private boolean compareAndSet(PlanItem expected, Update update) {
        return mongo.updateFirst(Query.query(Criteria.where("_id").is(expected.id())
                .and("revision").is(expected.revision())), update, PlanItem.class).getModifiedCount() == 1;
    }

    private static PlanItem withOutbox(PlanItem item, List<OutboxEntry> outbox) {
        return new PlanItem(item.id(), item.planYear(), item.itemId(), item.section(), item.sectionTitle(),
                item.title(), item.starred(), item.starCount(), item.responsibility(), item.sampleResponsibility(),
                item.responsibilityChanges(), item.planVersion(), item.definedBy(), item.indicators(),
                item.revision(), outbox, item.qualitativeProgress());
    }

    /**
     * Records a qualitative item's new progress and appends events, if nobody changed the item since
     * {@code expected} was read. Returns false on a lost race: the caller reads again and retries.
     */
    public boolean updateQualitative(PlanItem expected, QualitativeProgress progress, List<OutboxEntry> events) {
        Update update = new Update().set("qualitativeProgress", progress).inc("revision", 1);
        if (!events.isEmpty()) {
            update.push("outbox").each(events.toArray());
        }
        boolean updated = compareAndSet(expected, update);
        if (updated && !events.isEmpty()) {
            relay.publishSoon(PlanItem.COLLECTION, expected.id());
        }
        return updated;
    }

    /**
     * Replaces the item's indicators and appends events, if nobody changed the item since {@code expected} was
     * read. Returns false on a lost race: the caller reads again and retries.
     */
    public boolean update(PlanItem expected, List<Indicator> indicators, List<OutboxEntry> events) {
        Update update = new Update().set("indicators", indicators).inc("revision", 1);
        if (!events.isEmpty()) {
            update.push("outbox").each(events.toArray());
        }
        boolean updated = compareAndSet(expected, update);
        if (updated && !events.isEmpty()) {
            relay.publishSoon(PlanItem.COLLECTION, expected.id());
        }
        return updated;
    }
}
