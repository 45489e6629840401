package org.keywork.project.project;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.keywork.events.TrackingStatus;

/**
 * A milestone as {@code /api/projects} shows it.
 *
 * @param forecastDate when the milestone is now expected; null until progress reports are tracked here
 * @param status       where it stands; {@code NOT_STARTED} until progress reports are tracked here
 */
record MilestoneView(
        String id,
        MilestoneType type,
        String name,
        LocalDate plannedDate,
        LocalDate forecastDate,
        BigDecimal value,
        String unit,
        TrackingStatus status) {

    static MilestoneView of(Milestone milestone) {
        return new MilestoneView(milestone.id(), milestone.type(), milestone.name(), milestone.plannedDate(), null,
                milestone.value(), milestone.unit(), TrackingStatus.NOT_STARTED);
    }
}
