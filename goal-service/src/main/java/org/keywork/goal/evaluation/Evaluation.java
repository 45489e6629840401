package org.keywork.goal.evaluation;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.keywork.events.TrackingStatus;
import org.keywork.goal.plan.Indicator;
import org.keywork.goal.plan.PlanItem;

/**
 * The year-end evaluation (考核) of the quantitative goals: per section, per lead department and per responsible
 * leader, how many targets were met (completion rate) and how many were met within the plan year (on-time rate).
 * Qualitative items (no numeric target) are counted apart: their done / not done outcome is judged by the supervisors.
 */
record Evaluation(int planYear, LocalDate asOf, Row total, List<Row> bySection, List<Row> byDepartment,
        List<Row> byLeader, int qualitativeItems) {

    /** One line of the evaluation. Rates are percentages with one decimal, null when there is nothing to rate. */
    record Row(String group, int items, int targets, int met, int metOnTime, int late, int red, BigDecimal completionRate,
            BigDecimal onTimeRate) {
    }

    static Evaluation of(int planYear, LocalDate asOf, List<PlanItem> items) {
        List<PlanItem> quantitative = items.stream().filter(item -> !item.qualitative()).toList();
        return new Evaluation(planYear, asOf, row("合计", quantitative, planYear),
                group(quantitative, item -> item.section() + " " + item.sectionTitle(), planYear, false),
                group(quantitative, item -> item.responsibility() == null ? "（未指定）"
                        : item.responsibility().leadDepartment(), planYear, true),
                group(quantitative, item -> item.responsibility() == null ? "（未指定）"
                        : item.responsibility().leaderPosition(), planYear, true),
                items.size() - quantitative.size());
    }

    private static List<Row> group(List<PlanItem> items, Function<PlanItem, String> key, int planYear,
            boolean sortByRate) {
        Map<String, List<PlanItem>> groups = new LinkedHashMap<>();
        items.forEach(item -> groups.computeIfAbsent(key.apply(item), k -> new ArrayList<>()).add(item));
        List<Row> rows = new ArrayList<>(groups.entrySet().stream().map(e -> row(e.getKey(), e.getValue(), planYear))
                .toList());
        if (sortByRate) {
            rows.sort(Comparator.comparing((Row r) -> r.completionRate() == null ? BigDecimal.ZERO : r.completionRate())
                    .thenComparing(Row::group));
        }
        return rows;
    }

    private static Row row(String group, List<PlanItem> items, int planYear) {
        LocalDate yearEnd = LocalDate.of(planYear, 12, 31);
        int targets = 0;
        int met = 0;
        int onTime = 0;
        int red = 0;
        for (PlanItem item : items) {
            for (Indicator indicator : item.indicators()) {
                targets++;
                if (indicator.status() == TrackingStatus.DONE) {
                    met++;
                    if (indicator.asOf() != null && !indicator.asOf().isAfter(yearEnd)) {
                        onTime++;
                    }
                } else if (indicator.status() == TrackingStatus.RED) {
                    red++;
                }
            }
        }
        return new Row(group, items.size(), targets, met, onTime, met - onTime, red, rate(met, targets),
                rate(onTime, targets));
    }

    private static BigDecimal rate(int part, int whole) {
        return whole == 0 ? null : BigDecimal.valueOf(part * 100L).divide(BigDecimal.valueOf(whole), 1,
                RoundingMode.HALF_UP);
    }
}
