package org.keywork.project.project;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.keywork.events.Responsibility;
import org.keywork.events.Topics;
import org.keywork.support.events.EventCodec;
import org.keywork.support.web.FieldProblem;
import org.keywork.support.store.CompareAndSet;
import org.keywork.support.web.InvalidRequestException;
import org.keywork.support.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code PUT /api/projects/{itemId}/responsibility}: assigns who answers for a construction item. Every change is
 * recorded with the item (who, when, from what to what, why) and announced to the other services by publishing the
 * item again ({@code plan.item-published}, same plan version), in the same compare-and-set write on the item's
 * revision. Assigning what the item already holds (and holds as an assignment, not as sample data) changes and
 * publishes nothing. A later plan version keeps a responsibility assigned here (see
 * {@link ConstructionItemDefinitions}).
 */
@RestController
class ResponsibilityController {

    static final String USER_HEADER = "X-Keywork-User";
    static final String ANONYMOUS = "anonymous";

    private final StoredConstructionItems items;
    private final EventCodec codec;
    private final Clock clock;

    ResponsibilityController(StoredConstructionItems items, EventCodec codec, Clock clock) {
        this.items = items;
        this.codec = codec;
        this.clock = clock;
    }

    @PutMapping("/api/projects/{itemId}/responsibility")
    ProjectView assign(@PathVariable String itemId, @RequestParam(required = false) String year,
            @Valid @RequestBody Assignment assignment,
            @RequestHeader(name = USER_HEADER, required = false) String user) {
        int planYear = ProjectController.planYear(year);
        Responsibility wanted = assignment.responsibility();
        return CompareAndSet.retry(CompareAndSet.ATTEMPTS, attempt -> {
            ConstructionItem item = items.find(planYear, itemId)
                    .orElseThrow(() -> ProjectController.notFound(planYear, itemId));
            if (wanted.equals(item.responsibility()) && !item.sampleResponsibility()) {
                return CompareAndSet.done(ProjectView.of(item, LocalDate.now(clock)));
            }
            ResponsibilityChange change = new ResponsibilityChange(clock.instant().truncatedTo(ChronoUnit.MILLIS),
                    user == null || user.isBlank() ? ANONYMOUS : user.strip(), assignment.reason().strip(),
                    item.responsibility(), wanted);
            ConstructionItem after = item.withResponsibility(change);
            if (!items.changeResponsibility(item, change,
                    codec.outboxEntry(Topics.PLAN_ITEMS, eventId(item), after.published()))) {
                return CompareAndSet.lost();
            }
            return CompareAndSet.done(ProjectView.of(items.find(planYear, itemId).orElse(after),
                    LocalDate.now(clock)));
        }, () -> new InvalidRequestException(HttpStatus.CONFLICT, Problems.CONFLICT, "建设项目正在被修改",
                List.of(new FieldProblem("itemId", "conflict",
                        "建设项目 " + itemId + " 正在被同时修改，请稍后重试"))));
    }

    /**
     * The id of the event re-announcing {@code item} after its next responsibility change: derived from item, plan
     * version and the revision the change produces, so each change has its own and a retried write the same.
     */
    static UUID eventId(ConstructionItem item) {
        return UUID.nameUUIDFromBytes(("plan-item:" + item.id() + ":v" + item.planVersion() + ":r"
                + (item.revision() + 1)).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Who is to answer for the item, and why it changes.
     *
     * @param leaderPosition         the responsible district leader's position
     * @param leadDepartment         the lead department
     * @param cooperatingDepartments the cooperating departments; none when absent
     * @param reason                 why the responsibility changes
     */
    record Assignment(
            @NotBlank(message = "必填") @Size(max = 64, message = "最长 64 个字符") String leaderPosition,
            @NotBlank(message = "必填") @Size(max = 64, message = "最长 64 个字符") String leadDepartment,
            @Size(max = 30, message = "最多 30 个配合部门") List<@NotBlank(message = "不能为空") String> cooperatingDepartments,
            @NotBlank(message = "请说明调整原因") @Size(max = 500, message = "最长 500 个字符") String reason) {

        /** The responsibility asked for, trimmed, each cooperating department once, in the order given. */
        Responsibility responsibility() {
            return new Responsibility(leaderPosition.strip(), leadDepartment.strip(), cooperatingDepartments == null
                    ? List.of()
                    : cooperatingDepartments.stream().map(String::strip).filter(d -> !d.isEmpty()).distinct()
                            .toList());
        }
    }
}
