package org.keywork.goal.tracking;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.YearMonth;
import java.util.List;
import java.util.stream.IntStream;
import org.keywork.goal.plan.Indicator;
import org.keywork.goal.plan.PlannedCurves;
import org.springframework.stereotype.Component;

/** The plan's view of the curves: which one an indicator follows, and what it expects month by month. */
@Component
class IndicatorCurves implements PlannedCurves {

    private final StatusRules rules;

    IndicatorCurves(StatusRules rules) {
        this.rules = rules;
    }

    @Override
    public String specOf(Indicator indicator) {
        return rules.curveSpecFor(indicator);
    }

    @Override
    public List<BigDecimal> expectedAtMonthEnds(Indicator indicator, int planYear) {
        if (indicator.target() == null || !TargetKind.of(indicator.direction(), indicator.name()).followsCurve()) {
            return List.of();
        }
        PlanCurve curve = rules.curveFor(indicator);
        return IntStream.rangeClosed(1, 12)
                .mapToObj(month -> indicator.target()
                        .multiply(curve.expectedShare(YearMonth.of(planYear, month).atEndOfMonth(), planYear))
                        .setScale(2, RoundingMode.HALF_UP).stripTrailingZeros())
                .toList();
    }
}
