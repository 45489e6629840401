package org.keywork.project.project;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.keywork.events.TrackingStatus;

/**
 * A milestone as {@code /api/projects} shows it.
 *
 * @param plannedDate  the planned date, or null while unscheduled (未排期)
 * @param dueDate      the date it is judged against: the planned date, or the plan year's end while unscheduled
 * @param scheduled    whether a planned date is set
 * @param forecastDate when the milestone is now expected; null until progress is tracked
 * @param status       where it stands; {@code NOT_STARTED} until progress is tracked
 * @param reachedOn    when it was reached (started, for a START); null until a report says so
 */
record MilestoneView(
        String id,
        MilestoneType type,
        String name,
        LocalDate plannedDate,
        LocalDate dueDate,
        boolean scheduled,
        LocalDate forecastDate,
        BigDecimal value,
        String unit,
        TrackingStatus status,
        LocalDate reachedOn) {

    static MilestoneView of(Milestone milestone) {
        return new MilestoneView(milestone.id(), milestone.type(), milestone.name(),
                milestone.unscheduled() ? null : milestone.plannedDate(), milestone.plannedDate(),
                !milestone.unscheduled(), milestone.forecastDate(), milestone.value(), milestone.unit(), milestone.statusOrDefault(), milestone.reachedOn());
    }
}
