package org.keywork.goal.plan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.keywork.events.TrackingStatus;
import org.keywork.support.web.FieldProblem;
import org.keywork.support.web.InvalidRequestException;
import org.keywork.support.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/goals} and {@code /api/plans/{year}}: the goals of the plan with their indicators and status. */
@RestController
class GoalController {

    /** The plan year asked for when a request names none: the only plan loaded so far. */
    static final int DEFAULT_YEAR = 2021;

    private final PlanItems items;

    GoalController(PlanItems items) {
        this.items = items;
    }

    @GetMapping("/api/goals")
    List<ItemView> goals(@RequestParam(defaultValue = "" + DEFAULT_YEAR) int year,
            @RequestParam(required = false) Integer section, @RequestParam(required = false) Boolean starred,
            @RequestParam(required = false) TrackingStatus status) {
        return items.ofYear(year).stream()
                .filter(item -> section == null || item.section() == section)
                .filter(item -> starred == null || item.starred() == starred)
                .filter(item -> status == null || item.status() == status)
                .map(ItemView::of)
                .toList();
    }

    @GetMapping("/api/goals/{itemId}")
    ItemView goal(@PathVariable String itemId, @RequestParam(defaultValue = "" + DEFAULT_YEAR) int year) {
        return items.find(year, itemId).map(ItemView::of).orElseThrow(() -> new InvalidRequestException(
                HttpStatus.NOT_FOUND, Problems.NOT_FOUND, "没有这个事项",
                List.of(new FieldProblem("itemId", "unknown-item", year + " 年计划中没有事项 " + itemId))));
    }

    @GetMapping("/api/plans/{year}")
    Map<String, Object> plan(@PathVariable int year) {
        List<PlanItem> all = items.ofYear(year);
        if (all.isEmpty()) {
            throw new InvalidRequestException(HttpStatus.NOT_FOUND, Problems.NOT_FOUND, "没有这一年的计划",
                    List.of(new FieldProblem("year", "unknown-plan", "没有 " + year + " 年的计划")));
        }
        Map<Integer, Map<String, Object>> sections = new LinkedHashMap<>();
        for (PlanItem item : all) {
            Map<String, Object> section = sections.computeIfAbsent(item.section(), number -> {
                Map<String, Object> created = new LinkedHashMap<>();
                created.put("section", number);
                created.put("title", item.sectionTitle());
                created.put("items", new ArrayList<ItemView>());
                return created;
            });
            @SuppressWarnings("unchecked")
            List<ItemView> sectionItems = (List<ItemView>) section.get("items");
            sectionItems.add(ItemView.of(item));
        }
        Map<String, Object> plan = new LinkedHashMap<>();
        plan.put("planYear", year);
        plan.put("sections", List.copyOf(sections.values()));
        return plan;
    }
}
