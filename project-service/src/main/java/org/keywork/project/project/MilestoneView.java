package org.keywork.project.project;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.keywork.events.TrackingStatus;

/**
 * A milestone as {@code /api/projects} shows it.
 *
 * @param forecastDate when the milestone is now expected; null until progress is tracked
 * @param status       where it stands; {@code NOT_STARTED} until progress is tracked
 * @param reachedOn    when it was reached (started, for a START); null until a report says so
 */
record MilestoneView(
        String id,
        MilestoneType type,
        String name,
        LocalDate plannedDate,
        LocalDate forecastDate,
        BigDecimal value,
        String unit,
        TrackingStatus status,
        LocalDate reachedOn) {

    static MilestoneView of(Milestone milestone) {
        return new MilestoneView(milestone.id(), milestone.type(), milestone.name(), milestone.plannedDate(),
                milestone.forecastDate(), milestone.value(), milestone.unit(), milestone.statusOrDefault(), milestone.reachedOn());
    }
}
