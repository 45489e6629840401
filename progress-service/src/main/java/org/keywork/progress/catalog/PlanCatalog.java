package org.keywork.progress.catalog;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.keywork.events.PlanItemPublished;
import org.keywork.events.Responsibility;
import org.keywork.support.store.DocumentStore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * The plan items and targets reports can refer to (collection {@value CatalogItem#COLLECTION}). Filled from {@link
 * PlanItemPublished} events, so that reports are validated here even while the services owning the plan are down.
 *
 * <p>Every report reads its item here, so reads come from memory: an item read from the store is kept for
 * {@code keywork.progress.catalog-ttl} (1 s by default), which bounds how long an instance may go on with a
 * definition another instance has replaced meanwhile; a definition applied by this instance is seen at once. Items
 * the store does not know are not remembered: they are read again next time.
 */
@Component
public class PlanCatalog extends DocumentStore {

    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    private final long ttlNanos;

    PlanCatalog(MongoTemplate mongo, @Value("${keywork.progress.catalog-ttl:1s}") Duration ttl) {
        super(mongo, CatalogItem.COLLECTION);
        this.ttlNanos = ttl.toNanos();
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
        long now = System.nanoTime();
        Cached cached = cache.get(id);
        if (cached != null && now - cached.readAt() < ttlNanos) {
            return Optional.of(cached.item());
        }
        CatalogItem stored = mongo.findById(id, CatalogItem.class);
        if (stored == null) {
            cache.remove(id);
            return Optional.empty();
        }
        cache.put(id, new Cached(stored, now));
        return Optional.of(stored);
    }

    /** Keeps the newest definition of the item; an older plan version arriving late changes nothing. */
    void apply(PlanItemPublished published) {
        String id = CatalogItem.id(published.planYear(), published.itemId());
        CatalogItem current = mongo.findById(id, CatalogItem.class);
        if (current != null && current.planVersion() > published.planVersion()) {
            return;
        }
        CatalogItem next = new CatalogItem(id, published.planYear(), published.itemId(), published.title(),
                published.planVersion(), published.targets(), published.responsibility());
        mongo.save(next);
        cache.put(id, new Cached(next, System.nanoTime()));
    }

    private record Cached(CatalogItem item, long readAt) {
    }
}
