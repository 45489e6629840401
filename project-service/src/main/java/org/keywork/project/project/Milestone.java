package org.keywork.project.project;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.keywork.events.PlanTarget;
import org.keywork.events.TargetKind;

/**
 * One milestone of a construction item, as the plan defines it.
 *
 * @param id          {@code 9.N#K}: the K-th milestone named in item 9.N, in reading order
 * @param type        start, completion or another step
 * @param name        what is to happen, in the document's words, e.g. 第三康复医院竣工
 * @param plannedDate when the plan wants it; the year's end unless the document names a date
 * @param value       a quantity the milestone carries (9.1: 开工 100 万平方米), otherwise null
 * @param unit        that quantity's unit, otherwise null
 */
record Milestone(String id, MilestoneType type, String name, LocalDate plannedDate, BigDecimal value, String unit) {

    PlanTarget toTarget() {
        return new PlanTarget(id, TargetKind.MILESTONE, name, value, unit, null);
    }
}
