package org.keywork.project.project;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A milestone as {@code /api/projects} shows it, on the business date {@code today}.
 *
 * @param type         START (开工), COMPLETION (竣工) or OTHER
 * @param plannedDate  the planned date, or null while unscheduled (未排期)
 * @param dueDate      the date it is judged against: the planned date, or the plan year's end while unscheduled
 * @param scheduled    whether a planned date is set
 * @param dueInDays    days from the business date to the planned date (negative: past it); null while unscheduled
 * @param overdue      past {@code dueDate} and not reached
 * @param forecastDate when the milestone is now expected; null until progress is tracked
 * @param status       where it stands: NOT_STARTED, UNSCHEDULED, GREEN, YELLOW, RED or DONE
 * @param reachedOn    when it was reached (started, for a START); null until a report says so
 */
record MilestoneView(
        String id,
        MilestoneType type,
        String name,
        LocalDate plannedDate,
        LocalDate dueDate,
        boolean scheduled,
        Long dueInDays,
        boolean overdue,
        LocalDate forecastDate,
        BigDecimal value,
        String unit,
        MilestoneStatus status,
        LocalDate reachedOn) {

    static MilestoneView of(Milestone milestone, LocalDate today) {
        return new MilestoneView(milestone.id(), milestone.type(), milestone.name(),
                milestone.unscheduled() ? null : milestone.plannedDate(), milestone.plannedDate(),
                !milestone.unscheduled(), milestone.dueInDays(today), milestone.overdue(today),
                milestone.forecastDate(), milestone.value(), milestone.unit(), MilestoneStatus.of(milestone),
                milestone.reachedOn());
    }
}
