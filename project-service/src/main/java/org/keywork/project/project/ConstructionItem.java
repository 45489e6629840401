package org.keywork.project.project;

import java.time.Instant;
import java.util.List;
import org.keywork.events.PlanItemPublished;
import org.keywork.events.Responsibility;
import org.keywork.support.events.OutboxEntry;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One construction item of a plan year ({@code _id} = {@code year/itemId}), stored together with the event that
 * publishes its definition (the embedded outbox), in one atomic write.
 *
 * @param itemNumber           N of {@code S.N}, to list items in document order
 * @param sampleResponsibility true while the responsibility is sample data rather than the document's own
 */
@Document(ConstructionItem.COLLECTION)
record ConstructionItem(
        @Id String id,
        int planYear,
        String itemId,
        int itemNumber,
        int section,
        String sectionTitle,
        String title,
        boolean starred,
        List<Milestone> milestones,
        Responsibility responsibility,
        boolean sampleResponsibility,
        int planVersion,
        Instant storedAt,
        List<OutboxEntry> outbox) {

    static final String COLLECTION = "construction_items";

    static String id(int planYear, String itemId) {
        return planYear + "/" + itemId;
    }

    ConstructionItem withOutbox(List<OutboxEntry> entries) {
        return new ConstructionItem(id, planYear, itemId, itemNumber, section, sectionTitle, title, starred, milestones,
                responsibility, sampleResponsibility, planVersion, storedAt, entries);
    }

    /** The definition as the rest of the system learns it. */
    PlanItemPublished published() {
        return new PlanItemPublished(planYear, itemId, section, sectionTitle, title, starred,
                milestones.stream().map(Milestone::toTarget).toList(), responsibility, planVersion);
    }
}
