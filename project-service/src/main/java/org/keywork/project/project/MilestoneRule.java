package org.keywork.project.project;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import org.keywork.events.TrackingStatus;

/**
 * The milestone rules, pure and judged on a given day (moved here from goal-service: milestones are tracked where
 * they are owned):
 *
 * <ol>
 *   <li>reached (started, for a START) on or before today: DONE ({@value #REACHED});</li>
 *   <li>a START not started: YELLOW from the first day of its due month, RED once {@code startRedMonths} (3,
 *       {@code keywork.tracking.milestone-start-red-months}) months have passed since its due date
 *       ({@value #NOT_STARTED}); a START is not OVERDUE before that;</li>
 *   <li>any other milestone past its due date and not reached: RED ({@value #OVERDUE});</li>
 *   <li>a forecast later than the baseline date, before the milestone is overdue: YELLOW ({@value #SLIP});</li>
 *   <li>otherwise GREEN ({@value #ON_TRACK}).</li>
 * </ol>
 * The due date is the baseline (planned) date.
 *
 * <p>An <b>unscheduled</b> milestone (未排期: the document says only 年内开工 / 年内竣工, and no 任务分解表, review
 * or draft gave it a date) has no date to be on track against, so it is never GREEN just because the year's end is
 * far. Its baseline is the plan year's end:
 * <ol>
 *   <li>reached on or before today: DONE ({@value #REACHED});</li>
 *   <li>after the year's end and not reached: RED ({@value #OVERDUE});</li>
 *   <li>a forecast after the year's end: YELLOW ({@value #SLIP});</li>
 *   <li>from October 1 of the plan year (the last quarter) and not reached: YELLOW, 临近年底未完成
 *       ({@value #YEAR_END});</li>
 *   <li>otherwise NOT_STARTED ({@value #UNSCHEDULED}): nothing to judge yet, shown as {@code UNSCHEDULED}
 *       (未排期). The shared {@link TrackingStatus} has no such value, so the stored and published status is
 *       NOT_STARTED, which alerting passes over.</li>
 * </ol>
 */
final class MilestoneRule {

    static final String NOT_STARTED = "milestone-not-started";
    static final String SLIP = "milestone-slip";
    static final String OVERDUE = "milestone-overdue";
    static final String ON_TRACK = "milestone-on-track";
    static final String REACHED = "milestone-reached";
    static final String UNSCHEDULED = "milestone-unscheduled";
    static final String YEAR_END = "milestone-year-end";

    /** The month (October) from which an unscheduled milestone not reached is YELLOW. */
    static final int LAST_QUARTER_MONTH = 10;

    /**
     * What the rule decided about a milestone on a day.
     *
     * @param rule   the deciding rule, one of the constants above
     * @param period the period judged ({@code yyyy-MM}, the month of the day)
     */
    record Judgement(TrackingStatus status, String rule, String period) {
    }

    private final int startRedMonths;

    MilestoneRule(int startRedMonths) {
        if (startRedMonths < 0) {
            throw new IllegalArgumentException("startRedMonths must not be negative");
        }
        this.startRedMonths = startRedMonths;
    }

    /**
     * @param type     what the milestone marks
     * @param baseline the planned (due) date; {@code null} when the plan gives none
     * @param forecast the currently forecast date, or {@code null}
     * @param reached  the date it was reached (started, for a START), or {@code null}
     * @param today    the day judged
     */
    Judgement judge(MilestoneType type, LocalDate baseline, LocalDate forecast, LocalDate reached, LocalDate today) {
        if (reached != null && !reached.isAfter(today)) {
            return judgement(TrackingStatus.DONE, REACHED, today);
        }
        if (baseline == null) {
            return judgement(TrackingStatus.GREEN, ON_TRACK, today);
        }
        if (type == MilestoneType.START) {
            if (!today.isBefore(baseline.plusMonths(startRedMonths))) {
                return judgement(TrackingStatus.RED, NOT_STARTED, today);
            }
            if (!today.isBefore(baseline.withDayOfMonth(1))) {
                return judgement(TrackingStatus.YELLOW, NOT_STARTED, today);
            }
        } else if (today.isAfter(baseline)) {
            return judgement(TrackingStatus.RED, OVERDUE, today);
        }
        if (forecast != null && forecast.isAfter(baseline)) {
            return judgement(TrackingStatus.YELLOW, SLIP, today);
        }
        return judgement(TrackingStatus.GREEN, ON_TRACK, today);
    }

    /**
     * Judges an unscheduled milestone (see the class comment).
     *
     * @param yearEnd  the plan year's end, the date it is judged against
     * @param forecast the currently forecast date, or {@code null}
     * @param reached  the date it was reached, or {@code null}
     * @param today    the day judged
     */
    Judgement judgeUnscheduled(LocalDate yearEnd, LocalDate forecast, LocalDate reached, LocalDate today) {
        if (reached != null && !reached.isAfter(today)) {
            return judgement(TrackingStatus.DONE, REACHED, today);
        }
        if (today.isAfter(yearEnd)) {
            return judgement(TrackingStatus.RED, OVERDUE, today);
        }
        if (forecast != null && forecast.isAfter(yearEnd)) {
            return judgement(TrackingStatus.YELLOW, SLIP, today);
        }
        if (!today.isBefore(lastQuarter(yearEnd))) {
            return judgement(TrackingStatus.YELLOW, YEAR_END, today);
        }
        return judgement(TrackingStatus.NOT_STARTED, UNSCHEDULED, today);
    }

    Judgement judge(Milestone milestone, LocalDate today) {
        return milestone.unscheduled()
                ? judgeUnscheduled(milestone.plannedDate(), milestone.forecastDate(), milestone.reachedOn(), today)
                : judge(milestone.type(), milestone.plannedDate(), milestone.forecastDate(), milestone.reachedOn(),
                        today);
    }

    /**
     * The first day after {@code today} on which time alone may change the milestone's judgement (a reached date
     * coming, a due month beginning, a grace period or a due date running out, the last quarter beginning), or
     * null when nothing will: the day the daily sweep has to look at it again. A forecast changes nothing by time
     * alone. It may name a day on which nothing changes after all (a reached milestone's due date: a look too many
     * costs one read); it never misses one on which something does.
     */
    LocalDate nextLook(Milestone milestone, LocalDate today) {
        LocalDate baseline = milestone.plannedDate();
        List<LocalDate> candidates = new ArrayList<>();
        candidates.add(milestone.reachedOn());
        if (baseline != null && milestone.unscheduled()) {
            candidates.add(lastQuarter(baseline));
            candidates.add(baseline.plusDays(1));
        } else if (baseline != null && milestone.type() == MilestoneType.START) {
            candidates.add(baseline.withDayOfMonth(1));
            candidates.add(baseline.plusMonths(startRedMonths));
        } else if (baseline != null) {
            candidates.add(baseline.plusDays(1));
        }
        return candidates.stream().filter(day -> day != null && day.isAfter(today)).min(LocalDate::compareTo)
                .orElse(null);
    }

    private static LocalDate lastQuarter(LocalDate yearEnd) {
        return LocalDate.of(yearEnd.getYear(), LAST_QUARTER_MONTH, 1);
    }

    private static Judgement judgement(TrackingStatus status, String rule, LocalDate today) {
        return new Judgement(status, rule, YearMonth.from(today).toString());
    }
}
