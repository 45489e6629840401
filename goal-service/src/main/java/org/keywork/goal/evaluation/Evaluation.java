package org.keywork.goal.evaluation;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.keywork.events.Responsibility;
import org.keywork.events.TrackingStatus;
import org.keywork.goal.plan.Indicator;
import org.keywork.goal.plan.PlanItem;

/**
 * The year-end evaluation (考核): per section, per lead department and per responsible leader, how many targets
 * (indicators of the goals, milestones of the construction items) were met (completion rate) and met in time
 * (on-time rate: an indicator within the plan year, a milestone by its planned date); and every item of the plan
 * scored one by one ({@link Scoring}: qualitative items by their reported state), with the same groupings counted
 * in items ({@code itemsBySection}, …). Every section, department and leader with an item has a row in both.
 */
record Evaluation(int planYear, LocalDate asOf, Row total, List<Row> bySection, List<Row> byDepartment,
        List<Row> byLeader, int qualitativeItems, List<String> rules, ItemRow itemTotal, List<ItemRow> itemsBySection,
        List<ItemRow> itemsByDepartment, List<ItemRow> itemsByLeader, List<ItemResult> items) {

    static final String UNASSIGNED = "（未指定）";
    static final String TOTAL = "合计";

    /** One line of the evaluation. Rates are percentages with one decimal, null when there is nothing to rate. */
    record Row(String group, int items, int targets, int met, int metOnTime, int late, int red, BigDecimal completionRate,
            BigDecimal onTimeRate) {
    }

    /**
     * One line of the evaluation counted in items (every kind): how many were scored 完成, 基本完成, 按期推进 and 未完成,
     * and the item completion rate ((完成 + 基本完成) / items, one decimal).
     */
    record ItemRow(String group, int items, int completed, int basicallyCompleted, int onTrack, int unfinished,
            int qualitative, BigDecimal completionRate) {
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
        return of(planYear, asOf, items, milestones, List.of());
    }

    /**
     * Goal items (in reading order), the construction milestones scored already, and the construction items scored
     * already: sections, items and rows keep that order.
     */
    static Evaluation of(int planYear, LocalDate asOf, List<PlanItem> items, List<Scored> milestones,
            List<ItemResult> construction) {
        LocalDate yearEnd = LocalDate.of(planYear, 12, 31);
        List<Scored> scored = new ArrayList<>();
        List<ItemResult> results = new ArrayList<>();
        for (PlanItem item : items) {
            for (Indicator indicator : item.indicators()) {
                boolean met = indicator.status() == TrackingStatus.DONE;
                scored.add(new Scored(item.itemId(), item.section() + " " + item.sectionTitle(),
                        item.responsibility(), met, met && indicator.asOf() != null
                                && !indicator.asOf().isAfter(yearEnd), indicator.status() == TrackingStatus.RED));
            }
            results.add(Scoring.goal(item, asOf));
        }
        scored.addAll(milestones);
        results.addAll(construction);
        int qualitative = (int) items.stream().filter(PlanItem::qualitative).count();

        Set<String> sections = new LinkedHashSet<>();
        results.forEach(r -> sections.add(r.sectionKey()));
        scored.forEach(s -> sections.add(s.section()));
        Set<String> departments = new LinkedHashSet<>();
        results.forEach(r -> departments.add(r.department() == null ? UNASSIGNED : r.department()));
        scored.forEach(s -> departments.add(department(s)));
        Set<String> leaders = new LinkedHashSet<>();
        results.forEach(r -> leaders.add(r.leader() == null ? UNASSIGNED : r.leader()));
        scored.forEach(s -> leaders.add(leader(s)));

        return new Evaluation(planYear, asOf, row(TOTAL, scored),
                group(sections, scored, Scored::section, false),
                group(departments, scored, Evaluation::department, true),
                group(leaders, scored, Evaluation::leader, true),
                qualitative, Scoring.RULES, itemRow(TOTAL, results),
                itemGroup(sections, results, ItemResult::sectionKey, false),
                itemGroup(departments, results, r -> r.department() == null ? UNASSIGNED : r.department(), true),
                itemGroup(leaders, results, r -> r.leader() == null ? UNASSIGNED : r.leader(), true),
                List.copyOf(results));
    }

    private static String department(Scored s) {
        String department = s.responsibility() == null ? null : s.responsibility().leadDepartment();
        return department == null || department.isBlank() ? UNASSIGNED : department;
    }

    private static String leader(Scored s) {
        String leader = s.responsibility() == null ? null : s.responsibility().leaderPosition();
        return leader == null || leader.isBlank() ? UNASSIGNED : leader;
    }

    /** A row per key (every key, targets or not), in key order or by completion rate, weakest first. */
    private static List<Row> group(Set<String> keys, List<Scored> scored, Function<Scored, String> key,
            boolean sortByRate) {
        Map<String, List<Scored>> groups = new LinkedHashMap<>();
        keys.forEach(k -> groups.put(k, new ArrayList<>()));
        scored.forEach(s -> groups.computeIfAbsent(key.apply(s), k -> new ArrayList<>()).add(s));
        List<Row> rows = new ArrayList<>(groups.entrySet().stream().map(e -> row(e.getKey(), e.getValue())).toList());
        if (sortByRate) {
            rows.sort(Comparator.comparing((Row r) -> r.completionRate() == null ? BigDecimal.ZERO : r.completionRate())
                    .thenComparing(Row::group));
        }
        return rows;
    }

    private static List<ItemRow> itemGroup(Set<String> keys, List<ItemResult> results,
            Function<ItemResult, String> key, boolean sortByRate) {
        Map<String, List<ItemResult>> groups = new LinkedHashMap<>();
        keys.forEach(k -> groups.put(k, new ArrayList<>()));
        results.forEach(r -> groups.computeIfAbsent(key.apply(r), k -> new ArrayList<>()).add(r));
        List<ItemRow> rows = new ArrayList<>(groups.entrySet().stream()
                .map(e -> itemRow(e.getKey(), e.getValue())).toList());
        if (sortByRate) {
            rows.sort(Comparator.comparing((ItemRow r) -> r.completionRate() == null ? BigDecimal.ZERO
                    : r.completionRate()).thenComparing(ItemRow::group));
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

    private static ItemRow itemRow(String group, List<ItemResult> results) {
        int done = count(results, Scoring.DONE);
        int basically = count(results, Scoring.BASICALLY_DONE);
        int qualitative = (int) results.stream().filter(r -> ItemResult.QUALITATIVE.equals(r.kind())).count();
        return new ItemRow(group, results.size(), done, basically, count(results, Scoring.ON_TRACK),
                count(results, Scoring.UNFINISHED), qualitative, rate(done + basically, results.size()));
    }

    private static int count(List<ItemResult> results, String result) {
        return (int) results.stream().filter(r -> result.equals(r.result())).count();
    }

    private static BigDecimal rate(int part, int whole) {
        return whole == 0 ? null : BigDecimal.valueOf(part * 100L).divide(BigDecimal.valueOf(whole), 1,
                RoundingMode.HALF_UP);
    }
}
