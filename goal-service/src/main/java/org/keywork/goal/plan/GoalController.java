package org.keywork.goal.plan;

import java.util.List;
import org.keywork.events.TrackingStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/goals}: the goals of the plan (sections 一 to 八) with their indicators and status. */
@RestController
class GoalController {

    /** The plan year asked for when a request names none: the only plan loaded so far. */
    static final int DEFAULT_YEAR = GoalApi.DEFAULT_YEAR;

    private final PlanItems items;

    private final PlannedCurves curves;

    GoalController(PlanItems items, PlannedCurves curves) {
        this.items = items;
        this.curves = curves;
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
        return items.find(year, itemId).map(item -> ItemView.of(item, curves))
                .orElseThrow(() -> GoalApi.unknownItem(year, itemId));
    }
}
