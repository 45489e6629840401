package org.keywork.project.project;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.keywork.support.web.FieldProblem;
import org.keywork.support.web.InvalidRequestException;
import org.keywork.support.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code PUT /api/projects/{itemId}/milestones/{milestoneId}/forecast}: when a milestone is now expected, and why.
 * The milestone is judged at once; a forecast later than its planned date makes it slip (YELLOW) until it is
 * overdue. The milestone id is {@code S.N#K}, its {@code #} encoded as {@code %23}.
 */
@RestController
class ForecastController {

    private final StoredConstructionItems items;
    private final MilestoneTracker tracker;
    private final Clock clock;

    ForecastController(StoredConstructionItems items, MilestoneTracker tracker, Clock clock) {
        this.items = items;
        this.tracker = tracker;
        this.clock = clock;
    }

    @PutMapping("/api/projects/{itemId}/milestones/{milestoneId}/forecast")
    ProjectView forecast(@PathVariable String itemId, @PathVariable String milestoneId,
            @RequestParam(required = false) String year, @Valid @RequestBody Forecast forecast) {
        int planYear = ProjectController.planYear(year);
        ConstructionItem item = items.find(planYear, itemId)
                .orElseThrow(() -> ProjectController.notFound(planYear, itemId));
        if (item.milestones().stream().noneMatch(m -> m.id().equals(milestoneId))) {
            throw milestoneNotFound(itemId, milestoneId);
        }
        return tracker.forecast(planYear, itemId, milestoneId, forecast.forecastDate(), forecast.reason().strip())
                .map(found -> ProjectView.of(found, LocalDate.now(clock)))
                .orElseThrow(() -> milestoneNotFound(itemId, milestoneId));
    }

    private static InvalidRequestException milestoneNotFound(String itemId, String milestoneId) {
        return new InvalidRequestException(HttpStatus.NOT_FOUND, Problems.NOT_FOUND, "没有这个里程碑",
                List.of(new FieldProblem("milestoneId", "not-found",
                        "建设项目 " + itemId + " 中没有编号为 " + milestoneId + " 的里程碑")));
    }

    /**
     * @param forecastDate when the milestone is now expected
     * @param reason       why
     */
    record Forecast(
            @NotNull(message = "必填") LocalDate forecastDate,
            @NotBlank(message = "请说明预测依据") @Size(max = 500, message = "最长 500 个字符") String reason) {
    }
}
