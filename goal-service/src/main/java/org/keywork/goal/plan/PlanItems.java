package org.keywork.goal.plan;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntConsumer;
import org.keywork.support.events.EventOutbox;
import org.keywork.support.events.OutboxEntry;
import org.keywork.support.events.OutboxRelay;
import org.keywork.support.store.DocumentStore;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.BulkOperationException;
import org.springframework.data.mongodb.core.BulkOperations;
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

    /** Items written per bulk insert. */
    static final int BULK = 500;

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

    /** The stored items with these ids ({@code year/S.N}), by id, in one read per 500; ids not stored are absent. */
    public Map<String, PlanItem> byIds(Collection<String> ids) {
        Map<String, PlanItem> found = new HashMap<>();
        findAll(ids).forEach(item -> found.put(item.id(), item));
        return found;
    }

    /** The items of a plan year in reading order, from memory (see {@link PlanItemsView}). */
    public List<PlanItem> ofYear(int planYear) {
        return view.ofYear(planYear).stream().sorted(READING_ORDER).toList();
    }

    private List<PlanItem> findAll(Collection<String> ids) {
        List<PlanItem> found = new ArrayList<>();
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

    /** An item as a plan version defines it, with the event announcing it. */
    public record Definition(PlanItem item, OutboxEntry published) {
    }

    /**
     * Defines many items as {@link #define} does each, in bulk: items not stored yet go in by 500 per insert (a
     * plan of thousands of items is stored in seconds); items stored already, or inserted meanwhile by a concurrent
     * application of the same version, are defined one by one. {@code progress} hears how many are done.
     */
    public void defineAll(List<Definition> definitions, IntConsumer progress) {
        int done = 0;
        for (int from = 0; from < definitions.size(); from += BULK) {
            List<Definition> chunk = definitions.subList(from, Math.min(definitions.size(), from + BULK));
            Set<String> stored = new HashSet<>();
            findAll(chunk.stream().map(d -> d.item().id()).toList()).forEach(item -> stored.add(item.id()));
            List<Definition> fresh = chunk.stream().filter(d -> !stored.contains(d.item().id())).toList();
            Set<String> inserted = insertAll(fresh);
            for (Definition definition : chunk) {
                if (!inserted.contains(definition.item().id())) {
                    define(definition.item(), definition.published());
                }
            }
            done += chunk.size();
            progress.accept(done);
        }
    }

    /** Inserts new items in one command; returns the ids inserted (a duplicate is left to the caller). */
    private Set<String> insertAll(List<Definition> fresh) {
        if (fresh.isEmpty()) {
            return Set.of();
        }
        BulkOperations bulk = mongo.bulkOps(
                BulkOperations.BulkMode.UNORDERED, PlanItem.class);
        fresh.forEach(d -> bulk.insert(withOutbox(d.item(), List.of(d.published()))));
        Set<String> failed = new HashSet<>();
        try {
            bulk.execute();
        } catch (BulkOperationException e) {
            e.getErrors().forEach(error -> failed.add(fresh.get(error.getIndex()).item().id()));
        }
        Set<String> inserted = new HashSet<>();
        for (Definition d : fresh) {
            if (!failed.contains(d.item().id())) {
                inserted.add(d.item().id());
                view.changed(d.item().id());
                relay.publishSoon(PlanItem.COLLECTION, d.item().id());
            }
        }
        return inserted;
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
