package org.keywork.goal.plan;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.keywork.events.Responsibility;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code PUT /api/goals/{itemId}/responsibility}: assigns who answers for a goal item. Every change is recorded with
 * the item (who, when, from what to what, why) and announced to the other services.
 */
@RestController
class ResponsibilityController {

    private final ResponsibilityAssignments assignments;
    private final ReportDeadlines deadlines;

    ResponsibilityController(ResponsibilityAssignments assignments, ReportDeadlines deadlines) {
        this.assignments = assignments;
        this.deadlines = deadlines;
    }

    @PutMapping("/api/goals/{itemId}/responsibility")
    ItemView assign(@PathVariable String itemId,
            @RequestParam(defaultValue = "" + GoalApi.DEFAULT_YEAR) int year,
            @Valid @RequestBody Assignment assignment,
            @RequestHeader(name = "X-Keywork-User", required = false) String user) {
        Responsibility wanted = new Responsibility(assignment.leaderPosition().strip(),
                assignment.leadDepartment().strip(), assignment.cooperatingDepartments() == null ? List.of()
                        : assignment.cooperatingDepartments().stream().map(String::strip).filter(d -> !d.isEmpty())
                                .distinct().toList());
        return assignments.assign(year, itemId, wanted, user, assignment.reason()).map(item -> ItemView.of(item, deadlines))
                .orElseThrow(() -> GoalApi.unknownItem(year, itemId));
    }

    record Assignment(
            @NotBlank(message = "必填") @Size(max = 64, message = "最长 64 个字符") String leaderPosition,
            @NotBlank(message = "必填") @Size(max = 64, message = "最长 64 个字符") String leadDepartment,
            @Size(max = 30, message = "最多 30 个配合部门") List<@NotBlank(message = "不能为空") String> cooperatingDepartments,
            @NotBlank(message = "请说明调整原因") @Size(max = 500, message = "最长 500 个字符") String reason) {
    }
}
