package org.keywork.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.LocalDate;

/**
 * A construction milestone's status changed (reached, not started when due, slipping against its baseline,
 * overdue). Produced by project-service; carries what alerting needs.
 *
 * @param milestoneType START, COMPLETION or OTHER
 * @param rule          the deciding rule, e.g. {@code milestone-not-started}, {@code milestone-slip},
 *                      {@code milestone-overdue}, {@code milestone-reached}
 * @param period        the period judged ({@code yyyy-MM})
 * @param plannedDate   the date it is judged against: the planned date, or the plan year's end when unscheduled
 * @param scheduled     whether a planned date was set ({@code false}: 未排期; {@code null} in events produced before
 *                      this field, which means scheduled)
 * @param forecastDate  the latest forecast, if any
 * @param reachedOn     when it was reached, if it was
 * @param asOf          the business date of the judgement
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MilestoneStatusChanged(int planYear, String itemId, String itemTitle, String milestoneId,
        String milestoneName, String milestoneType, String rule, String period, TrackingStatus previous,
        TrackingStatus current, LocalDate plannedDate, LocalDate forecastDate, LocalDate reachedOn, LocalDate asOf,
        Responsibility responsibility, Boolean scheduled) implements ItemEvent {

    /** A change of a scheduled milestone. */
    public MilestoneStatusChanged(int planYear, String itemId, String itemTitle, String milestoneId,
            String milestoneName, String milestoneType, String rule, String period, TrackingStatus previous,
            TrackingStatus current, LocalDate plannedDate, LocalDate forecastDate, LocalDate reachedOn, LocalDate asOf,
            Responsibility responsibility) {
        this(planYear, itemId, itemTitle, milestoneId, milestoneName, milestoneType, rule, period, previous, current,
                plannedDate, forecastDate, reachedOn, asOf, responsibility, Boolean.TRUE);
    }

    /** Whether the milestone had no planned date of its own (judged against the year's end). */
    public boolean unscheduled() {
        return Boolean.FALSE.equals(scheduled);
    }

    public static final String TYPE = "project.milestone-status-changed";
    public static final int VERSION = 1;

    @Override
    public String eventType() {
        return TYPE;
    }

    @Override
    public int eventVersion() {
        return VERSION;
    }
}
