package org.keywork.project.project;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.keywork.events.PlanTarget;
import org.keywork.events.TargetKind;
import org.keywork.events.TrackingStatus;

/**
 * One milestone of a construction item: what the plan defines, and where it stands. A new plan version replaces the
 * definition; the tracking fields stay with the milestone's id.
 *
 * @param id           {@code S.N#K}: the K-th milestone named in item S.N, in reading order
 * @param type         start, completion or another step
 * @param name         what is to happen, in the document's words, e.g. 第三康复医院竣工
 * @param plannedDate  when the plan wants it; the year's end unless the document names a date
 * @param value        a quantity the milestone carries (9.1: 开工 100 万平方米), otherwise null
 * @param unit         that quantity's unit, otherwise null
 * @param sourcePhrase the clause of the document it was read from, where known
 * @param forecastDate when the milestone is now expected; null until progress is tracked
 * @param status       where it stands; {@code NOT_STARTED} for a new milestone (null in documents stored before
 *                     tracking fields existed, which means the same)
 */
record Milestone(
        String id,
        MilestoneType type,
        String name,
        LocalDate plannedDate,
        BigDecimal value,
        String unit,
        String sourcePhrase,
        LocalDate forecastDate,
        TrackingStatus status) {

    PlanTarget toTarget() {
        return new PlanTarget(id, TargetKind.MILESTONE, name, value, unit, null);
    }

    TrackingStatus statusOrDefault() {
        return status == null ? TrackingStatus.NOT_STARTED : status;
    }
}
