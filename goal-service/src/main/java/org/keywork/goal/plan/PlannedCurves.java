package org.keywork.goal.plan;

import java.math.BigDecimal;
import java.util.List;

/**
 * What the plan curve of an indicator expects, for showing it beside the reports (the dashboard's chart). Tracking
 * owns the curves and implements it; the plan's views only ask.
 */
public interface PlannedCurves {

    /** The curve the indicator follows, in text form ({@code linear}, {@code quarterly:20,45,70,100}, …). */
    String specOf(Indicator indicator);

    /**
     * The cumulative value expected at the end of each month of the plan year (12 values), or an empty list when
     * the indicator is not judged along a curve (rates, ceilings, floors) or has no numeric target.
     */
    List<BigDecimal> expectedAtMonthEnds(Indicator indicator, int planYear);
}
