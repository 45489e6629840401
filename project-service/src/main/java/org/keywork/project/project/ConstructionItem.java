package org.keywork.project.project;

import java.time.Instant;
import java.util.List;
import org.keywork.events.PlanItemPublished;
import org.keywork.events.Responsibility;
import org.keywork.support.events.OutboxEntry;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One construction item of a plan year ({@code _id} = {@code year/itemId}), as the latest plan version defines it,
 * stored together with the events that publish its definitions (the embedded outbox), in one atomic write.
 *
 * @param itemNumber           N of {@code S.N}, to list items in document order
 * @param starCount            how many ★ the item carries (★ = 实事项目); 0 in documents stored before it was kept
 * @param sampleResponsibility true while the responsibility is sample data rather than an assignment
 * @param planVersion          the plan version of this definition; only a higher one replaces it
 * @param documentNumber       the plan document's number, e.g. 静府发〔2021〕5号
 * @param storedAt             when this definition was stored
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
        int starCount,
        List<Milestone> milestones,
        Responsibility responsibility,
        boolean sampleResponsibility,
        int planVersion,
        String documentNumber,
        Instant storedAt,
        List<OutboxEntry> outbox) {

    static final String COLLECTION = "construction_items";

    ConstructionItem {
        milestones = milestones == null ? List.of() : milestones;
        outbox = outbox == null ? List.of() : outbox;
    }

    static String id(int planYear, String itemId) {
        return planYear + "/" + itemId;
    }

    ConstructionItem withOutbox(List<OutboxEntry> entries) {
        return new ConstructionItem(id, planYear, itemId, itemNumber, section, sectionTitle, title, starred, starCount,
                milestones, responsibility, sampleResponsibility, planVersion, documentNumber, storedAt, entries);
    }

    /** The ★ count to show: at least 1 for a starred item stored before the count was kept. */
    int shownStarCount() {
        return starred ? Math.max(starCount, 1) : starCount;
    }

    /** The definition as the rest of the system learns it. */
    PlanItemPublished published() {
        return new PlanItemPublished(planYear, itemId, section, sectionTitle, title, starred,
                milestones.stream().map(Milestone::toTarget).toList(), responsibility, planVersion);
    }
}
