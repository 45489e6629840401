package org.keywork.progress.catalog;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.bson.Document;
import org.keywork.events.PlanItemPublished;
import org.keywork.events.Responsibility;
import org.keywork.support.store.DocumentStore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The plan items and targets reports can refer to (collection {@value CatalogItem#COLLECTION}). Filled from {@link
 * PlanItemPublished} events, so that reports are validated here even while the services owning the plan are down.
 *
 * <p>Every report reads its item here, so reads come from memory: an item read from the store is kept until the
 * catalog changes. Each change also counts up the collection's one change counter ({@code _id} {@value #CHANGES}); an
 * instance reads that counter at most every {@code keywork.progress.catalog-refresh} (1 s by default) and, when it
 * moved, reads each item again the next time it is asked for. So an instance goes on with a definition another
 * instance replaced for at most about that long, a definition applied by this instance is seen at once, and a plan
 * of any size costs one small read a second, not one per report. Items the store does not know are not remembered:
 * they are read again next time.
 */
@Component
public class PlanCatalog extends DocumentStore {

    /** The id of the change counter's document, beside the items ({@code year/itemId}) in the same collection. */
    static final String CHANGES = "changes";
    private static final String SEQ = "seq";

    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    /** Moves on when the counter moved: items cached under an older generation are read again. */
    private final AtomicLong generation = new AtomicLong();
    private final AtomicLong nextCheck = new AtomicLong(System.nanoTime());
    private final long refreshNanos;
    private volatile long knownChanges = -1;

    PlanCatalog(MongoTemplate mongo, @Value("${keywork.progress.catalog-refresh:1s}") Duration refresh) {
        super(mongo, CatalogItem.COLLECTION);
        this.refreshNanos = refresh.toNanos();
    }

    public boolean hasItem(int planYear, String itemId) {
        return item(planYear, itemId).isPresent();
    }

    public Optional<KnownTarget> target(int planYear, String itemId, String targetId) {
        return item(planYear, itemId).flatMap(item -> item.targets().stream()
                .filter(target -> target.id().equals(targetId))
                .findFirst()
                .map(target -> new KnownTarget(planYear, itemId, target.id(), target.kind(), target.unit(),
                        target.name(), target.value(), target.direction())));
    }

    /** Who answers for the item, as last published. */
    public Optional<Responsibility> responsibility(int planYear, String itemId) {
        return item(planYear, itemId).map(CatalogItem::responsibility);
    }

    /**
     * Every item of a plan year, in document order ({@code S.N} by section, then number), read from the store (the
     * bulk template and similar whole-plan reads; served by the {@code _id} index as a prefix range).
     */
    public List<CatalogItem> items(int planYear) {
        Query query = Query.query(Criteria.where("_id").regex("^" + planYear + "/"));
        List<CatalogItem> items = new ArrayList<>(mongo.find(query, CatalogItem.class, collection()));
        items.sort(Comparator.comparingInt((CatalogItem item) -> part(item.itemId(), 0))
                .thenComparingInt(item -> part(item.itemId(), 1)));
        return items;
    }

    private static int part(String itemId, int index) {
        String[] parts = itemId.split("\\.");
        try {
            return index < parts.length ? Integer.parseInt(parts[index]) : 0;
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }

    private Optional<CatalogItem> item(int planYear, String itemId) {
        String id = CatalogItem.id(planYear, itemId);
        checkForChanges();
        long current = generation.get();
        Cached cached = cache.get(id);
        if (cached != null && cached.generation() == current) {
            return Optional.of(cached.item());
        }
        CatalogItem stored = mongo.findById(id, CatalogItem.class, collection());
        if (stored == null) {
            cache.remove(id);
            return Optional.empty();
        }
        // read under the generation taken before the read: a change seen meanwhile makes it read again
        cache.put(id, new Cached(stored, current));
        return Optional.of(stored);
    }

    /** Reads the change counter when it is due (one caller at a time); a move makes every cached item stale. */
    private void checkForChanges() {
        long now = System.nanoTime();
        long due = nextCheck.get();
        if (now - due < 0 || !nextCheck.compareAndSet(due, now + refreshNanos)) {
            return;
        }
        Document counter = mongo.findById(CHANGES, Document.class, collection());
        long changes = counter == null ? 0 : ((Number) counter.getOrDefault(SEQ, 0L)).longValue();
        if (changes != knownChanges) {
            knownChanges = changes;
            generation.incrementAndGet();
        }
    }

    /** Keeps the newest definition of the item; an older plan version arriving late changes nothing. */
    void apply(PlanItemPublished published) {
        String id = CatalogItem.id(published.planYear(), published.itemId());
        CatalogItem current = mongo.findById(id, CatalogItem.class, collection());
        if (current != null && current.planVersion() > published.planVersion()) {
            return;
        }
        CatalogItem next = new CatalogItem(id, published.planYear(), published.itemId(), published.title(),
                published.planVersion(), published.targets(), published.responsibility());
        mongo.save(next, collection());
        // after the item: an instance that sees the counter move reads the item as saved
        mongo.upsert(Query.query(Criteria.where("_id").is(CHANGES)), new Update().inc(SEQ, 1L), collection());
        cache.put(id, new Cached(next, generation.get()));
    }

    private record Cached(CatalogItem item, long generation) {
    }
}
