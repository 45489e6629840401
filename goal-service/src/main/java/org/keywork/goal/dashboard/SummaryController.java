package org.keywork.goal.dashboard;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.keywork.events.TrackingStatus;
import org.keywork.goal.plan.PlanItem;
import org.keywork.goal.plan.PlanItems;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/dashboard/summary?year=}: how many items of each section stand at each status. */
@RestController
class SummaryController {

    private final PlanItems items;

    SummaryController(PlanItems items) {
        this.items = items;
    }

    @GetMapping("/api/dashboard/summary")
    Summary summary(@RequestParam(defaultValue = "2021") int year) {
        Map<Integer, SectionSummary> sections = new LinkedHashMap<>();
        Map<TrackingStatus, Integer> totals = emptyCounts();
        for (PlanItem item : items.ofYear(year)) {
            SectionSummary section = sections.computeIfAbsent(item.section(),
                    number -> new SectionSummary(number, item.sectionTitle(), emptyCounts()));
            section.counts().merge(item.status(), 1, Integer::sum);
            totals.merge(item.status(), 1, Integer::sum);
        }
        return new Summary(year, List.copyOf(sections.values()), totals);
    }

    private static Map<TrackingStatus, Integer> emptyCounts() {
        Map<TrackingStatus, Integer> counts = new EnumMap<>(TrackingStatus.class);
        for (TrackingStatus status : TrackingStatus.values()) {
            counts.put(status, 0);
        }
        return counts;
    }

    record Summary(int planYear, List<SectionSummary> sections, Map<TrackingStatus, Integer> totals) {
    }

    record SectionSummary(int section, String title, Map<TrackingStatus, Integer> counts) {
    }
}
