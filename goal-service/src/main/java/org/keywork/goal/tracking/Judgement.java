package org.keywork.goal.tracking;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.keywork.events.IndicatorStatusChanged;
import org.keywork.events.TrackingStatus;
import org.keywork.goal.plan.Indicator;
import org.keywork.goal.plan.PlanItem;

/**
 * What the rules decided about an indicator (or a milestone) on a date.
 *
 * @param status                the cumulative status: everything to date against the plan
 * @param rule                  the rule that decided, e.g. {@code behind-schedule} (see {@link StatusRules})
 * @param period                the period judged ({@code yyyy-MM})
 * @param expected              the value the plan curve expected by then (the target itself for rates, ceilings
 *                              and floors; {@code null} for milestones)
 * @param shortfallPoints       percentage points behind (negative when ahead): of the target behind the curve; of
 *                              rate below the target rate; percent over a ceiling; points below a floor
 * @param periodStatus          the status of the period alone: the increment since the previous report against
 *                              the curve's increment over the same days (equal to {@code status} for kinds that do
 *                              not follow a curve)
 * @param periodShortfallPoints percent of the period's expected increment that was not achieved (negative when
 *                              ahead; 0 when the curve expected nothing in the period)
 * @param caughtUp              the indicator was RED before and no longer is
 */
public record Judgement(TrackingStatus status, String rule, String period, BigDecimal expected,
        BigDecimal shortfallPoints, TrackingStatus periodStatus, BigDecimal periodShortfallPoints,
        boolean caughtUp) {

    /** A judgement with no separate period assessment: the period's status is the cumulative one. */
    public Judgement(TrackingStatus status, String rule, String period, BigDecimal expected,
            BigDecimal shortfallPoints) {
        this(status, rule, period, expected, shortfallPoints, status, shortfallPoints, false);
    }

    /** What the indicator keeps of this judgement, the period's colour included (a report was judged). */
    Indicator.Assessment assessment() {
        return new Indicator.Assessment(status, rule, expected, shortfallPoints, periodStatus, periodShortfallPoints,
                caughtUp);
    }

    /**
     * What the indicator keeps of this judgement when no report was judged (time moved on, the curve changed): the
     * period's colour stays that of the latest reported period.
     */
    Indicator.Assessment assessmentKeepingPeriodOf(Indicator indicator) {
        return new Indicator.Assessment(status, rule, expected, shortfallPoints, indicator.periodStatus(),
                indicator.periodShortfallPoints(), caughtUp);
    }

    /**
     * The event announcing this judgement's change of {@code before} into {@code after}, judged at {@code asOf}. A
     * report ({@code reportId}) carries the period's own colour; a change without one (a sweep, a new curve) does
     * not.
     */
    IndicatorStatusChanged changeOf(PlanItem item, Indicator before, Indicator after, LocalDate asOf,
            String reportId) {
        boolean reported = reportId != null;
        return new IndicatorStatusChanged(item.planYear(), item.itemId(), item.title(), after.id(), after.name(), rule,
                period, before.status(), after.status(), after.target(), after.unit(), after.actual(), expected,
                shortfallPoints, asOf, reportId, item.responsibility(), reported ? periodStatus : null,
                reported ? periodShortfallPoints : null, caughtUp);
    }

    Judgement withCaughtUp(boolean caught) {
        return new Judgement(status, rule, period, expected, shortfallPoints, periodStatus, periodShortfallPoints,
                caught);
    }
}
