package org.keywork.goal.plan;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.keywork.events.Responsibility;
import org.keywork.events.Topics;
import org.keywork.support.events.EventCodec;
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

    private final PlanItems items;
    private final EventCodec codec;
    private final Clock clock;

    ResponsibilityController(PlanItems items, EventCodec codec, Clock clock) {
        this.items = items;
        this.codec = codec;
        this.clock = clock;
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
        while (true) {
            PlanItem item = items.find(year, itemId).orElseThrow(() -> GoalApi.unknownItem(year, itemId));
            if (wanted.equals(item.responsibility()) && !item.sampleResponsibility()) {
                return ItemView.of(item);
            }
            ResponsibilityChange change = new ResponsibilityChange(clock.instant(),
                    user == null ? "anonymous" : user, assignment.reason(), item.responsibility(), wanted);
            PlanItem after = new PlanItem(item.id(), item.planYear(), item.itemId(), item.section(),
                    item.sectionTitle(), item.title(), item.starred(), item.starCount(), wanted, false,
                    item.responsibilityChanges(), item.planVersion(), item.definedBy(), item.indicators(),
                    item.revision(), List.of());
            UUID eventId = UUID.nameUUIDFromBytes(("plan-item:" + item.id() + ":v" + item.planVersion() + ":r"
                    + (item.revision() + 1)).getBytes(StandardCharsets.UTF_8));
            if (items.changeResponsibility(item, change, codec.outboxEntry(Topics.PLAN_ITEMS, eventId,
                    after.published()))) {
                return ItemView.of(items.find(year, itemId).orElseThrow());
            }
        }
    }

    record Assignment(
            @NotBlank(message = "必填") @Size(max = 64, message = "最长 64 个字符") String leaderPosition,
            @NotBlank(message = "必填") @Size(max = 64, message = "最长 64 个字符") String leadDepartment,
            @Size(max = 30, message = "最多 30 个配合部门") List<@NotBlank(message = "不能为空") String> cooperatingDepartments,
            @NotBlank(message = "请说明调整原因") @Size(max = 500, message = "最长 500 个字符") String reason) {
    }
}
