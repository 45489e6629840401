package org.keywork.goal.tracking;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.keywork.events.TrackingStatus;
import org.keywork.goal.plan.GoalApi;
import org.keywork.support.web.FieldProblem;
import org.keywork.support.web.InvalidRequestException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/goals/changes?year=&limit=}: 最新变化, the latest status changes of a plan year, newest first. */
@RestController
class ChangesController {

    static final int DEFAULT_LIMIT = 20;

    private final StatusChanges changes;

    ChangesController(StatusChanges changes) {
        this.changes = changes;
    }

    /** One change: {@code targetId} is the indicator, null for a qualitative item's own status. */
    record ChangeView(String itemId, String title, String targetId, String targetName, TrackingStatus from,
            TrackingStatus to, String rule, Instant at, LocalDate asOf, String department, String leader) {

        static ChangeView of(StatusChange c) {
            return new ChangeView(c.itemId(), c.title(), c.targetId(), c.targetName(), c.from(), c.to(), c.rule(),
                    c.at(), c.asOf(), c.department(), c.leader());
        }
    }

    @GetMapping("/api/goals/changes")
    List<ChangeView> changes(@RequestParam(defaultValue = "" + GoalApi.DEFAULT_YEAR) int year,
            @RequestParam(defaultValue = "" + DEFAULT_LIMIT) int limit) {
        if (limit < 1 || limit > StatusChanges.MAX_LIMIT) {
            throw InvalidRequestException.invalid(List.of(new FieldProblem("limit", "out-of-range",
                    "条数应在 1 到 " + StatusChanges.MAX_LIMIT + " 之间")));
        }
        return changes.latest(year, limit).stream().map(ChangeView::of).toList();
    }
}
