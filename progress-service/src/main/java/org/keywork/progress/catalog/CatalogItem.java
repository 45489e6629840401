package org.keywork.progress.catalog;

import java.util.List;
import org.keywork.events.Responsibility;
import org.keywork.events.PlanTarget;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * progress-service's copy of one plan item, as its owner last published it ({@code _id} = {@code year/itemId}); the
 * responsibility decides which departments may report on it (null in copies stored before it was kept).
 */
@Document(CatalogItem.COLLECTION)
public record CatalogItem(@Id String id, int planYear, String itemId, String title, int planVersion,
        List<PlanTarget> targets, Responsibility responsibility) {

    static final String COLLECTION = "plan_catalog";

    static String id(int planYear, String itemId) {
        return planYear + "/" + itemId;
    }
}
