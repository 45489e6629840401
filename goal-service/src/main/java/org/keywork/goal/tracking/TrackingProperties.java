package org.keywork.goal.tracking;

import java.math.BigDecimal;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Thresholds of the status rules, under {@code keywork.tracking.*}. Every value has a default; boundaries belong to
 * the milder status (exactly 10 points behind is still GREEN).
 *
 * @param yellowBehindPoints       points of the target behind the curve above which a curve target is YELLOW (10)
 * @param redBehindPoints          … above which it is RED (30)
 * @param periodYellowBehindPoints percent of the period's expected increment missed above which the period is
 *                                 YELLOW (10)
 * @param periodRedBehindPoints    … above which the period is RED (30)
 * @param rateYellowPoints         points of rate below an increase/reduction target above which it is YELLOW (1)
 * @param rateRedPoints            … above which it is RED (3)
 * @param ceilingWarningPercent    a level within this percent below its ceiling is YELLOW (5)
 * @param floorYellowPoints        a level at most this many points below its floor is YELLOW, further below RED (2)
 * @param reportCutoffDay          the day of the month by which the month's report is due (28)
 * @param reportGraceDays          calendar days after the cut-off before a report counts as missing (3)
 * @param defaultCurve             the plan curve of indicators without their own ({@code linear})
 * @param curves                   plan curves by indicator id ({@code S.N#K}), in {@link PlanCurve#parse} form;
 *                                 in YAML use the bracket form {@code "[5.6#1]": quarterly:20,45,70,100}
 */
@ConfigurationProperties("keywork.tracking")
public record TrackingProperties(BigDecimal yellowBehindPoints, BigDecimal redBehindPoints,
        BigDecimal periodYellowBehindPoints, BigDecimal periodRedBehindPoints, BigDecimal rateYellowPoints,
        BigDecimal rateRedPoints, BigDecimal ceilingWarningPercent, BigDecimal floorYellowPoints,
        Integer reportCutoffDay, Integer reportGraceDays, String defaultCurve,
        Map<String, String> curves) {

    public TrackingProperties {
        yellowBehindPoints = or(yellowBehindPoints, 10);
        redBehindPoints = or(redBehindPoints, 30);
        periodYellowBehindPoints = or(periodYellowBehindPoints, 10);
        periodRedBehindPoints = or(periodRedBehindPoints, 30);
        rateYellowPoints = or(rateYellowPoints, 1);
        rateRedPoints = or(rateRedPoints, 3);
        ceilingWarningPercent = or(ceilingWarningPercent, 5);
        floorYellowPoints = or(floorYellowPoints, 2);
        reportCutoffDay = reportCutoffDay == null ? 28 : reportCutoffDay;
        reportGraceDays = reportGraceDays == null ? 3 : reportGraceDays;
        defaultCurve = defaultCurve == null || defaultCurve.isBlank() ? "linear" : defaultCurve;
        curves = curves == null ? Map.of() : Map.copyOf(curves);
        if (redBehindPoints.compareTo(yellowBehindPoints) < 0 || periodRedBehindPoints.compareTo(
                periodYellowBehindPoints) < 0 || rateRedPoints.compareTo(rateYellowPoints) < 0) {
            throw new IllegalArgumentException("keywork.tracking: a red threshold is below its yellow one");
        }
        if (reportCutoffDay < 1 || reportCutoffDay > 31 || reportGraceDays < 0) {
            throw new IllegalArgumentException("keywork.tracking: report-cutoff-day must be 1..31, grace >= 0");
        }
        PlanCurve.parse(defaultCurve);
        curves.values().forEach(PlanCurve::parse);
    }

    /** Every threshold at its default. */
    public static TrackingProperties defaults() {
        return new TrackingProperties(null, null, null, null, null, null, null, null, null, null, null, null);
    }

    private static BigDecimal or(BigDecimal value, int fallback) {
        return value == null ? BigDecimal.valueOf(fallback) : value;
    }
}
