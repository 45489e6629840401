package org.keywork.progress.catalog;

import java.util.Optional;
import org.keywork.events.Responsibility;
import org.keywork.events.PlanItemPublished;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * The plan items and targets reports can refer to. Filled from {@link PlanItemPublished} events, so that reports are
 * validated here even while the services owning the plan are down.
 */
@Component
public class PlanCatalog {

    private final MongoTemplate mongo;

    PlanCatalog(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    public boolean hasItem(int planYear, String itemId) {
        return item(planYear, itemId).isPresent();
    }

    public Optional<KnownTarget> target(int planYear, String itemId, String targetId) {
        return item(planYear, itemId).flatMap(item -> item.targets().stream()
                .filter(target -> target.id().equals(targetId))
                .findFirst()
                .map(target -> new KnownTarget(planYear, itemId, target.id(), target.kind(), target.unit())));
    }

    /** Who answers for the item, as last published. */
    public Optional<Responsibility> responsibility(int planYear, String itemId) {
        return item(planYear, itemId).map(CatalogItem::responsibility);
    }

    private Optional<CatalogItem> item(int planYear, String itemId) {
        return Optional.ofNullable(mongo.findById(CatalogItem.id(planYear, itemId), CatalogItem.class));
    }

    /** Keeps the newest definition of the item; an older plan version arriving late changes nothing. */
    void apply(PlanItemPublished published) {
        CatalogItem current = mongo.findById(CatalogItem.id(published.planYear(), published.itemId()),
                CatalogItem.class);
        if (current != null && current.planVersion() > published.planVersion()) {
            return;
        }
        mongo.save(new CatalogItem(CatalogItem.id(published.planYear(), published.itemId()), published.planYear(),
                published.itemId(), published.title(), published.planVersion(), published.targets(),
                published.responsibility()));
    }
}
