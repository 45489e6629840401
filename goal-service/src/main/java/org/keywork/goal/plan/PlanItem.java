package org.keywork.goal.plan;

import java.util.List;
import java.util.Optional;
import org.keywork.events.PlanItemPublished;
import org.keywork.events.PlanTarget;
import org.keywork.events.Responsibility;
import org.keywork.events.TargetKind;
import org.keywork.events.TrackingStatus;
import org.keywork.support.events.OutboxEntry;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One item of the plan (sections 一 to 八) with its indicators and their status, who answers for it (and every change
 * of that), and the events its changes caused (the embedded outbox). {@code _id} is {@code year/S.N};
 * {@code definedBy} names the plan version that last defined it; {@code revision} guards concurrent updates.
 * A qualitative item (no indicators) is published with one {@link TargetKind#GOAL} target named by the item itself
 * and keeps its reported state in {@code qualitativeProgress} (null until the first report).
 */
@Document(PlanItem.COLLECTION)
public record PlanItem(
        @Id String id,
        int planYear,
        String itemId,
        int section,
        String sectionTitle,
        String title,
        boolean starred,
        int starCount,
        Responsibility responsibility,
        boolean sampleResponsibility,
        List<ResponsibilityChange> responsibilityChanges,
        int planVersion,
        String definedBy,
        List<Indicator> indicators,
        long revision,
        List<OutboxEntry> outbox,
        QualitativeProgress qualitativeProgress) {

    public static final String COLLECTION = "plan_items";

    /** The name of a qualitative item's one GOAL target. */
    public static final String GOAL_TARGET_NAME = "总体进展";

    @PersistenceCreator
    public PlanItem {
        indicators = indicators == null ? List.of() : List.copyOf(indicators);
        responsibilityChanges = responsibilityChanges == null ? List.of() : List.copyOf(responsibilityChanges);
        outbox = outbox == null ? List.of() : List.copyOf(outbox);
    }

    /** An item nothing qualitative was reported for yet. */
    public PlanItem(String id, int planYear, String itemId, int section, String sectionTitle, String title,
            boolean starred, int starCount, Responsibility responsibility, boolean sampleResponsibility,
            List<ResponsibilityChange> responsibilityChanges, int planVersion, String definedBy,
            List<Indicator> indicators, long revision, List<OutboxEntry> outbox) {
        this(id, planYear, itemId, section, sectionTitle, title, starred, starCount, responsibility,
                sampleResponsibility, responsibilityChanges, planVersion, definedBy, indicators, revision, outbox,
                null);
    }

    public static String id(int planYear, String itemId) {
        return planYear + "/" + itemId;
    }

    public Optional<Indicator> indicator(String indicatorId) {
        return indicators.stream().filter(i -> i.id().equals(indicatorId)).findFirst();
    }

    /** A qualitative item has no numeric target: its outcome is done or not done. */
    public boolean qualitative() {
        return indicators.isEmpty();
    }

    /**
     * The item's overall status: its worst indicator, DONE when all are done; for a qualitative item, what its
     * latest report says (NOT_STARTED before any).
     */
    public TrackingStatus status() {
        if (indicators.isEmpty()) {
            return qualitativeProgress == null ? TrackingStatus.NOT_STARTED : qualitativeProgress.status();
        }
        return worst(indicators.stream().map(Indicator::status).toList());
    }

    /**
     * Several targets' statuses as one: RED or YELLOW if any is, DONE when all are, NOT_STARTED when none started (or
     * there are none), otherwise GREEN.
     */
    public static TrackingStatus worst(List<TrackingStatus> statuses) {
        if (statuses.isEmpty()) {
            return TrackingStatus.NOT_STARTED;
        }
        if (statuses.contains(TrackingStatus.RED)) {
            return TrackingStatus.RED;
        }
        if (statuses.contains(TrackingStatus.YELLOW)) {
            return TrackingStatus.YELLOW;
        }
        if (statuses.stream().allMatch(s -> s == TrackingStatus.DONE)) {
            return TrackingStatus.DONE;
        }
        if (statuses.stream().allMatch(s -> s == TrackingStatus.NOT_STARTED)) {
            return TrackingStatus.NOT_STARTED;
        }
        return TrackingStatus.GREEN;
    }

    /** The event announcing this item's definition to the other services. */
    public PlanItemPublished published() {
        List<PlanTarget> targets = qualitative()
                ? List.of(new PlanTarget(itemId, TargetKind.GOAL, GOAL_TARGET_NAME, null, null, null))
                : indicators.stream().map(i -> new PlanTarget(i.id(), TargetKind.INDICATOR, i.name(), i.target(),
                        i.unit(), i.direction())).toList();
        return new PlanItemPublished(planYear, itemId, section, sectionTitle, title, starred, targets,
                responsibility, planVersion);
    }
}
