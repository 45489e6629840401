package org.keywork.goal.tracking;

import java.time.LocalDate;
import org.keywork.events.TrackingStatus;
import org.keywork.goal.plan.document.MilestoneType;

/**
 * The milestone rules (shared with project-service), pure and judged on a given day:
 *
 * <ol>
 *   <li>reached (started, for a START) on or before today: DONE ({@code milestone-reached});</li>
 *   <li>a START not started: YELLOW from the first day of its due month, RED once {@code startRedMonths} (3) months
 *       have passed since its due date ({@code milestone-not-started}); a START is not OVERDUE before that;</li>
 *   <li>any other milestone past its due date and not reached: RED ({@code milestone-overdue});</li>
 *   <li>a forecast later than the baseline date, before the milestone is overdue: YELLOW ({@code milestone-slip});</li>
 *   <li>otherwise GREEN ({@code milestone-on-track}).</li>
 * </ol>
 * The due date is the baseline (planned) date. Judgements carry no expected value or shortfall.
 */
public final class MilestoneRule {

    private final int startRedMonths;

    public MilestoneRule(int startRedMonths) {
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
    public Judgement judge(MilestoneType type, LocalDate baseline, LocalDate forecast, LocalDate reached,
            LocalDate today) {
        if (reached != null && !reached.isAfter(today)) {
            return judgement(TrackingStatus.DONE, StatusRules.MILESTONE_REACHED, today);
        }
        if (baseline == null) {
            return judgement(TrackingStatus.GREEN, StatusRules.MILESTONE_ON_TRACK, today);
        }
        if (type == MilestoneType.START) {
            if (!today.isBefore(baseline.plusMonths(startRedMonths))) {
                return judgement(TrackingStatus.RED, StatusRules.MILESTONE_NOT_STARTED, today);
            }
            if (!today.isBefore(baseline.withDayOfMonth(1))) {
                return judgement(TrackingStatus.YELLOW, StatusRules.MILESTONE_NOT_STARTED, today);
            }
        } else if (today.isAfter(baseline)) {
            return judgement(TrackingStatus.RED, StatusRules.MILESTONE_OVERDUE, today);
        }
        if (forecast != null && forecast.isAfter(baseline)) {
            return judgement(TrackingStatus.YELLOW, StatusRules.MILESTONE_SLIP, today);
        }
        return judgement(TrackingStatus.GREEN, StatusRules.MILESTONE_ON_TRACK, today);
    }

    private static Judgement judgement(TrackingStatus status, String rule, LocalDate today) {
        return new Judgement(status, rule, StatusRules.period(today), null, null);
    }
}
