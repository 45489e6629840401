package org.keywork.goal.plan;

import java.util.List;
import org.keywork.events.Responsibility;
import org.keywork.events.TrackingStatus;

/**
 * A plan item as the API shows it; {@code progress} is a qualitative item's latest reported state (else null);
 * {@code unreported}: a report due by the latest cut-off is missing ({@link ReportDeadlines}), shown as 未报送.
 */
record ItemView(int planYear, String itemId, int section, String sectionTitle, String title, boolean starred,
        int starCount, boolean qualitative, TrackingStatus status, Responsibility responsibility,
        boolean sampleResponsibility, List<ResponsibilityChange> responsibilityChanges, int planVersion,
        List<IndicatorView> indicators, ProgressView progress, boolean unreported) {

    /** The item as listed (without curves); {@code unreported} as {@code deadlines} says. */
    static ItemView of(PlanItem item, ReportDeadlines deadlines) {
        return of(item, null, deadlines);
    }

    /** The item with each curve indicator's expected values by month end (when {@code curves} is given). */
    static ItemView of(PlanItem item, PlannedCurves curves, ReportDeadlines deadlines) {
        return new ItemView(item.planYear(), item.itemId(), item.section(), item.sectionTitle(), item.title(),
                item.starred(), item.starCount(), item.qualitative(), item.status(), item.responsibility(),
                item.sampleResponsibility(), item.responsibilityChanges(), item.planVersion(),
                item.indicators().stream().map(i -> IndicatorView.of(i, item.planYear(), curves)).toList(),
                item.qualitativeProgress() == null || !item.qualitativeProgress().reported() ? null
                        : ProgressView.of(item.qualitativeProgress()), deadlines.unreported(item));
    }

    record ProgressView(String state, TrackingStatus status, String note, java.time.LocalDate asOf,
            String lastReportId) {

        static ProgressView of(QualitativeProgress p) {
            return new ProgressView(p.state(), p.status(), p.note(), p.asOf(), p.lastReportId());
        }
    }

    /**
     * An indicator as the API shows it.
     *
     * @param status                the cumulative status (everything to date against the plan)
     * @param periodStatus          the colour of the latest reported period alone, kept apart from {@code status}
     * @param periodShortfallPoints percent of that period's expected increment not achieved
     * @param caughtUp              the latest judgement turned RED back (the shortfall was recovered)
     * @param curve                 the plan curve it follows ({@code linear}, {@code quarterly:…}, {@code monthly:…})
     * @param ownCurve              whether that curve was set for this indicator (else configured or default)
     * @param expectedByMonth       the cumulative value the curve expects at each month end (empty when not a curve
     *                              target, or when listed without curves)
     */
    record IndicatorView(String id, String name, java.math.BigDecimal target, String unit, String direction,
            boolean starred, java.math.BigDecimal actual, java.time.LocalDate asOf, TrackingStatus status,
            java.math.BigDecimal expected, java.math.BigDecimal shortfallPoints, String lastReportId, String rule,
            TrackingStatus periodStatus, java.math.BigDecimal periodShortfallPoints, Boolean caughtUp, String curve,
            boolean ownCurve, List<java.math.BigDecimal> expectedByMonth) {

        static IndicatorView of(Indicator i, int planYear, PlannedCurves curves) {
            return new IndicatorView(i.id(), i.name(), i.target(), i.unit(), i.direction(), i.starred(), i.actual(),
                    i.asOf(), i.status(), i.expected(), i.shortfallPoints(), i.lastReportId(), i.rule(),
                    i.periodStatus(), i.periodShortfallPoints(), i.caughtUp(),
                    curves == null ? i.curve() : curves.specOf(i), i.curve() != null,
                    curves == null ? List.of() : curves.expectedAtMonthEnds(i, planYear));
        }
    }
}
