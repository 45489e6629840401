package org.keywork.project.project;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.keywork.support.events.RecentIds;
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
 * @param plannedDate  when the plan wants it: the planned date, or the year's end for an unscheduled milestone
 * @param value        a quantity the milestone carries (9.1: 开工 100 万平方米), otherwise null
 * @param unit         that quantity's unit, otherwise null
 * @param sourcePhrase the clause of the document it was read from, where known
 * @param forecastDate when the milestone is now expected; null until progress is tracked
 * @param status       where it stands; {@code NOT_STARTED} for a new milestone (null in documents stored before
 *                     tracking fields existed, which means the same)
 * @param reachedOn    the date it was reached (started, for a START), the earliest any report named; null until then
 * @param forecastReason why the forecast date was set, in the words of whoever set it; null without a forecast
 * @param appliedReports the ids of the progress reports applied to it, so that a report applies once
 * @param scheduled    whether the plan set {@code plannedDate} ({@code false}: 未排期, judged against the year's end;
 *                     null in items stored before, which were all scheduled)
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
        TrackingStatus status,
        LocalDate reachedOn,
        String forecastReason,
        List<String> appliedReports,
        Boolean scheduled) {

    Milestone {
        appliedReports = appliedReports == null ? List.of() : List.copyOf(appliedReports);
    }

    /** The same milestone with the tracking fields of {@code tracked} (null: untracked). */
    Milestone withTrackingOf(Milestone tracked) {
        return tracked == null
                ? new Milestone(id, type, name, plannedDate, value, unit, sourcePhrase, null, TrackingStatus.NOT_STARTED,
                        null, null, List.of(), scheduled)
                : new Milestone(id, type, name, plannedDate, value, unit, sourcePhrase, tracked.forecastDate(),
                        tracked.statusOrDefault(), tracked.reachedOn(), tracked.forecastReason(),
                        tracked.appliedReports(), scheduled);
    }

    /** Whether the report {@code reportId} was applied already. */
    boolean applied(String reportId) {
        return appliedReports.contains(reportId);
    }

    /** Reached on {@code date} per report {@code reportId}: the earliest reported date is kept. */
    Milestone reached(LocalDate date, String reportId) {
        List<String> reports = RecentIds.with(appliedReports, reportId);
        LocalDate earliest = reachedOn == null || date.isBefore(reachedOn) ? date : reachedOn;
        return new Milestone(id, type, name, plannedDate, value, unit, sourcePhrase, forecastDate, status, earliest,
                forecastReason, reports, scheduled);
    }

    Milestone forecast(LocalDate date, String reason) {
        return new Milestone(id, type, name, plannedDate, value, unit, sourcePhrase, date, status, reachedOn, reason,
                appliedReports, scheduled);
    }

    Milestone withStatus(TrackingStatus next) {
        return new Milestone(id, type, name, plannedDate, value, unit, sourcePhrase, forecastDate, next, reachedOn,
                forecastReason, appliedReports, scheduled);
    }

    PlanTarget toTarget() {
        return new PlanTarget(id, TargetKind.MILESTONE, name, value, unit, null);
    }

    /** Whether the plan gave no date of its own (未排期): judged against the year's end. */
    boolean unscheduled() {
        return Boolean.FALSE.equals(scheduled);
    }

    /** Whether it was reached (started, for a START) on or before {@code today}. */
    boolean reachedBy(LocalDate today) {
        return reachedOn != null && !reachedOn.isAfter(today);
    }

    /** Days from {@code today} to the planned date (negative: past it); null while unscheduled. */
    Long dueInDays(LocalDate today) {
        return unscheduled() || plannedDate == null ? null : ChronoUnit.DAYS.between(today, plannedDate);
    }

    /**
     * Whether it is past the date it is judged against (the planned date, or the plan year's end while unscheduled)
     * and not reached.
     */
    boolean overdue(LocalDate today) {
        return plannedDate != null && today.isAfter(plannedDate) && !reachedBy(today);
    }

    TrackingStatus statusOrDefault() {
        return status == null ? TrackingStatus.NOT_STARTED : status;
    }
}
