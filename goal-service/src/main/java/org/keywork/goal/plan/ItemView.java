package org.keywork.goal.plan;

import java.util.List;
import org.keywork.events.Responsibility;
import org.keywork.events.TrackingStatus;

/** A plan item as the API shows it; {@code progress} is a qualitative item's latest reported state (else null). */
record ItemView(int planYear, String itemId, int section, String sectionTitle, String title, boolean starred,
        int starCount, boolean qualitative, TrackingStatus status, Responsibility responsibility,
        boolean sampleResponsibility, List<ResponsibilityChange> responsibilityChanges, int planVersion,
        List<IndicatorView> indicators, ProgressView progress) {

    static ItemView of(PlanItem item) {
        return new ItemView(item.planYear(), item.itemId(), item.section(), item.sectionTitle(), item.title(),
                item.starred(), item.starCount(), item.qualitative(), item.status(), item.responsibility(),
                item.sampleResponsibility(), item.responsibilityChanges(), item.planVersion(),
                item.indicators().stream().map(IndicatorView::of).toList(),
                item.qualitativeProgress() == null ? null : ProgressView.of(item.qualitativeProgress()));
    }

    record ProgressView(String state, TrackingStatus status, String note, java.time.LocalDate asOf,
            String lastReportId) {

        static ProgressView of(QualitativeProgress p) {
            return new ProgressView(p.state(), p.status(), p.note(), p.asOf(), p.lastReportId());
        }
    }

    record IndicatorView(String id, String name, java.math.BigDecimal target, String unit, String direction,
            boolean starred, java.math.BigDecimal actual, java.time.LocalDate asOf, TrackingStatus status,
            java.math.BigDecimal expected, java.math.BigDecimal shortfallPoints, String lastReportId, String rule) {

        static IndicatorView of(Indicator i) {
            return new IndicatorView(i.id(), i.name(), i.target(), i.unit(), i.direction(), i.starred(), i.actual(),
                    i.asOf(), i.status(), i.expected(), i.shortfallPoints(), i.lastReportId(), i.rule());
        }
    }
}
