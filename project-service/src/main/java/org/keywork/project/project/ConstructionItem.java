package org.keywork.project.project;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.keywork.events.PlanItemPublished;
import org.keywork.events.Responsibility;
import org.keywork.support.events.OutboxEntry;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Criteria;

/**
 * One construction item of a plan year ({@code _id} = {@code year/itemId}), as the latest plan version defines it,
 * stored together with the events that publish its definitions (the embedded outbox), in one atomic write.
 * {@code revision} counts the writes that change the item's definition or responsibility; every such write is a
 * compare-and-set on it, so a definition and a responsibility change cannot overwrite each other.
 *
 * @param itemNumber            N of {@code S.N}, to list items in document order
 * @param starCount             how many ★ the item carries (★ = 实事项目); 0 in documents stored before it was kept
 * @param sampleResponsibility  true while the responsibility is sample data rather than an assignment
 * @param responsibilityChanges every change of the responsibility made in project-service, oldest first; while there
 *                              is one, a newer plan version keeps the stored responsibility
 * @param planVersion           the plan version of this definition; only a higher one replaces it
 * @param documentNumber        the plan document's number, e.g. 静府发〔2021〕5号
 * @param storedAt              when this definition was stored
 * @param revision              0 for a new item, raised by every definition and responsibility change; boxed, as
 *                              documents stored before it was kept have none, which counts as 0
 * @param milestoneCheck        when the daily sweep looks at the item's milestones next: a
 *                              {@link org.keywork.support.store.DueMarker} ({@code yyyy-MM-dd|_id}) under a unique
 *                              sparse index, null (absent) when time alone changes none of them any more
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
        List<ResponsibilityChange> responsibilityChanges,
        int planVersion,
        String documentNumber,
        Instant storedAt,
        Long revision,
        String milestoneCheck,
        List<OutboxEntry> outbox) {

    static final String COLLECTION = "construction_items";
    static final String MILESTONE_CHECK = "milestoneCheck";

    ConstructionItem {
        milestones = milestones == null ? List.of() : milestones;
        responsibilityChanges = responsibilityChanges == null ? List.of() : List.copyOf(responsibilityChanges);
        revision = revision == null ? 0L : revision;
        outbox = outbox == null ? List.of() : outbox;
    }

    static String id(int planYear, String itemId) {
        return planYear + "/" + itemId;
    }

    /**
     * Matches the stored item while it is still at the revision {@code this} was read with. A document stored
     * before revisions were kept has no {@code revision} field, which counts as 0.
     */
    Criteria stillAsRead() {
        Criteria sameItem = Criteria.where("_id").is(id);
        return revision == 0L ? sameItem.and("revision").in(0L, null) : sameItem.and("revision").is(revision);
    }

    ConstructionItem withOutbox(List<OutboxEntry> entries) {
        return new ConstructionItem(id, planYear, itemId, itemNumber, section, sectionTitle, title, starred, starCount,
                milestones, responsibility, sampleResponsibility, responsibilityChanges, planVersion, documentNumber,
                storedAt, revision, milestoneCheck, entries);
    }

    /** This item as it is once {@code change} is applied: assigned (no longer sample), at the next revision. */
    ConstructionItem withResponsibility(ResponsibilityChange change) {
        List<ResponsibilityChange> changes = new ArrayList<>(responsibilityChanges);
        changes.add(change);
        return new ConstructionItem(id, planYear, itemId, itemNumber, section, sectionTitle, title, starred, starCount,
                milestones, change.after(), false, changes, planVersion, documentNumber, storedAt, revision + 1,
                milestoneCheck, outbox);
    }

    /** Whether the responsibility was assigned in project-service (and so outranks the one a plan import sends). */
    boolean responsibilityEdited() {
        return !responsibilityChanges.isEmpty();
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
