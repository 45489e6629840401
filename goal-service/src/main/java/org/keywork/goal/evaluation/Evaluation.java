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
import org.keywork.events.Responsibility;
import org.keywork.events.TrackingStatus;
import org.keywork.goal.plan.Indicator;
import org.keywork.goal.plan.PlanItem;

/**
 * The year-end evaluation (考核): per section, per lead department and per responsible leader, how many targets
 * (indicators of the goals, milestones of the construction items) were met (completion rate) and met in time
 * (on-time rate: an indicator within the plan year, a milestone by its planned date). Qualitative items are counted
 * apart: their done / not done outcome is judged by the supervisors.
 */
record Evaluation(int planYear, LocalDate asOf, Row total, List<Row> bySection, List<Row> byDepartment,
        List<Row> byLeader, int qualitativeItems) {

    /** One line of the evaluation. Rates are percentages with one decimal, null when there is nothing to rate. */
    record Row(String group, int items, int targets, int met, int metOnTime, int late, int red, BigDecimal completionRate,
            BigDecimal onTimeRate) {
    }

    /** One target as the evaluation counts it. */
    record Scored(String itemId, String section, Responsibility responsibility, boolean met, boolean onTime,
            boolean red) {
    }

    static Evaluation of(int planYear, LocalDate asOf, List<PlanItem> items) {
        return of(planYear, asOf, items, List.of());
    }

    /** Goal items and, scored already, the construction milestones. */
    static Evaluation of(int planYear, LocalDate asOf, List<PlanItem> items, List<Scored> milestones) {
        LocalDate yearEnd = LocalDate.of(planYear, 12, 31);
        List<Scored> scored = new ArrayList<>();
        for (PlanItem item : items) {
            for (Indicator indicator : item.indicators()) {
                boolean met = indicator.status() == TrackingStatus.DONE;
                scored.add(new Scored(item.itemId(), item.section() + " " + item.sectionTitle(),
                        item.responsibility(), met, met && indicator.asOf() != null
                                && !indicator.asOf().isAfter(yearEnd), indicator.status() == TrackingStatus.RED));
            }
        }
        scored.addAll(milestones);
        int qualitative = (int) items.stream().filter(PlanItem::qualitative).count();
        return new Evaluation(planYear, asOf, row("合计", scored),
                group(scored, Scored::section, false),
                group(scored, s -> s.responsibility() == null ? "（未指定）" : s.responsibility().leadDepartment(), true),
                group(scored, s -> s.responsibility() == null ? "（未指定）" : s.responsibility().leaderPosition(), true),
                qualitative);
    }

    private static List<Row> group(List<Scored> scored, Function<Scored, String> key, boolean sortByRate) {
        Map<String, List<Scored>> groups = new LinkedHashMap<>();
        scored.forEach(s -> groups.computeIfAbsent(key.apply(s), k -> new ArrayList<>()).add(s));
        List<Row> rows = new ArrayList<>(groups.entrySet().stream().map(e -> row(e.getKey(), e.getValue())).toList());
        if (sortByRate) {
            rows.sort(Comparator.comparing((Row r) -> r.completionRate() == null ? BigDecimal.ZERO : r.completionRate())
                    .thenComparing(Row::group));
        }
        return rows;
    }

    private static Row row(String group, List<Scored> scored) {
        int met = (int) scored.stream().filter(Scored::met).count();
        int onTime = (int) scored.stream().filter(Scored::onTime).count();
        int red = (int) scored.stream().filter(Scored::red).count();
        int items = (int) scored.stream().map(Scored::itemId).distinct().count();
        return new Row(group, items, scored.size(), met, onTime, met - onTime, red, rate(met, scored.size()),
                rate(onTime, scored.size()));
    }

    private static BigDecimal rate(int part, int whole) {
        return whole == 0 ? null : BigDecimal.valueOf(part * 100L).divide(BigDecimal.valueOf(whole), 1,
                RoundingMode.HALF_UP);
    }
}
