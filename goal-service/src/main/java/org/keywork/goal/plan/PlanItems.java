package org.keywork.goal.plan;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.keywork.support.events.EventOutbox;
import org.keywork.support.events.OutboxEntry;
import org.keywork.support.events.OutboxRelay;
import org.keywork.support.store.DocumentStore;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The stored plan items of goal-service (collection {@value PlanItem#COLLECTION}, {@code _id} = {@code year/S.N}),
 * and the one way to change one: compare-and-set on its revision. Whole plans are read from memory ({@link
 * PlanItemsView}); one item, and every item a write or a sweep starts from, from the store.
 */
@Component
public class PlanItems extends DocumentStore {

    private static final Comparator<PlanItem> READING_ORDER = Comparator.comparingInt(PlanItem::section)
            .thenComparingInt(item -> Integer.parseInt(item.itemId().substring(item.itemId().indexOf('.') + 1)));

    private final OutboxRelay relay;
    private final PlanItemsView view;

    PlanItems(MongoTemplate mongo, OutboxRelay relay) {
        super(mongo, PlanItem.COLLECTION);
        this.relay = relay;
        this.view = new PlanItemsView(() -> mongo.findAll(PlanItem.class), this::findAll);
    }

    public Optional<PlanItem> find(int planYear, String itemId) {
        return Optional.ofNullable(mongo.findById(PlanItem.id(planYear, itemId), PlanItem.class));
    }

    /** The items of a plan year in reading order, from memory (see {@link PlanItemsView}). */
    public List<PlanItem> ofYear(int planYear) {
        return view.ofYear(planYear).stream().sorted(READING_ORDER).toList();
    }

    private List<PlanItem> findAll(java.util.Collection<String> ids) {
        List<PlanItem> found = new java.util.ArrayList<>();
        List<String> all = List.copyOf(ids);
        for (int from = 0; from < all.size(); from += 500) {
            found.addAll(mongo.find(Query.query(Criteria.where("_id").in(all.subList(from,
                    Math.min(all.size(), from + 500)))), PlanItem.class));
        }
        return found;
    }

    /** Another instance changed the item (announced by its events): whole-plan reads read it again. */
    public void changedElsewhere(int planYear, String itemId) {
        view.changed(PlanItem.id(planYear, itemId));
    }

    /** A report for the item was accepted: whole-plan reads follow the item until it shows the report. */
    public void reportAccepted(int planYear, String itemId, String reportId) {
        view.reported(PlanItem.id(planYear, itemId), reportId);
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
                    view.changed(definition.id());
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
                    .set("indicators", indicators).inc("revision", 1);
            EventOutbox.append(update, definition.id(), published);
            if (compareAndSet(existing, update)) {
                relay.publishSoon(PlanItem.COLLECTION, definition.id());
                return;
            }
        }
    }

    /** Records a new responsibility for the item with the change, and announces it; false on a lost race. */
    public boolean changeResponsibility(PlanItem expected, ResponsibilityChange change, OutboxEntry published) {
        Update update = new Update().set("responsibility", change.after()).set("sampleResponsibility", false)
                .push("responsibilityChanges", change).inc("revision", 1);
        EventOutbox.append(update, expected.id(), published);
        boolean changed = compareAndSet(expected, update);
        if (changed) {
            relay.publishSoon(PlanItem.COLLECTION, expected.id());
        }
        return changed;
    }

    private boolean compareAndSet(PlanItem expected, Update update) {
        boolean changed = mongo.updateFirst(Query.query(Criteria.where("_id").is(expected.id())
                .and("revision").is(expected.revision())), update, PlanItem.class).getModifiedCount() == 1;
        if (changed) {
            view.changed(expected.id());
        }
        return changed;
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
        Update update = EventOutbox.append(new Update().set("qualitativeProgress", progress).inc("revision", 1),
                expected.id(), events);
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
        Update update = EventOutbox.append(new Update().set("indicators", indicators).inc("revision", 1), expected.id(),
                events);
        boolean updated = compareAndSet(expected, update);
        if (updated && !events.isEmpty()) {
            relay.publishSoon(PlanItem.COLLECTION, expected.id());
        }
        return updated;
    }
}
