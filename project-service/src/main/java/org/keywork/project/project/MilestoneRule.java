package org.keywork.project.project;

import java.time.LocalDate;
import java.time.YearMonth;
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
 */
final class MilestoneRule {

    static final String NOT_STARTED = "milestone-not-started";
    static final String SLIP = "milestone-slip";
    static final String OVERDUE = "milestone-overdue";
    static final String ON_TRACK = "milestone-on-track";
    static final String REACHED = "milestone-reached";

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

    Judgement judge(Milestone milestone, LocalDate today) {
        return judge(milestone.type(), milestone.plannedDate(), milestone.forecastDate(), milestone.reachedOn(),
                today);
    }

    private static Judgement judgement(TrackingStatus status, String rule, LocalDate today) {
        return new Judgement(status, rule, YearMonth.from(today).toString());
    }
}
