package org.keywork.goal.evaluation;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.keywork.events.TrackingStatus;
import org.keywork.goal.planning.PlanSnapshot;
import org.keywork.goal.planning.PlanSnapshot.Section;
import org.keywork.goal.planning.PlanVersions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.keywork.goal.plan.PlanItems;
import org.keywork.support.web.FieldProblem;
import org.keywork.support.web.InvalidRequestException;
import org.keywork.support.web.Problems;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/evaluation/{year}}: the year-end evaluation (考核) of the goals as JSON, and
 * {@code GET /api/evaluation/{year}/export.xlsx} as an Excel workbook.
 */
@RestController
class EvaluationController {

    static final MediaType XLSX = MediaType.parseMediaType(
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    private final PlanItems items;
    private final PlanVersions versions;
    private final MongoTemplate mongo;
    private final Clock clock;

    EvaluationController(PlanItems items, PlanVersions versions, MongoTemplate mongo, Clock clock) {
        this.items = items;
        this.versions = versions;
        this.mongo = mongo;
        this.clock = clock;
    }

    @GetMapping("/api/evaluation/{year}")
    Evaluation evaluation(@PathVariable int year) {
        var planItems = items.ofYear(year);
        if (planItems.isEmpty()) {
            throw new InvalidRequestException(HttpStatus.NOT_FOUND, Problems.NOT_FOUND, "没有这一年的计划",
                    List.of(new FieldProblem("year", "unknown-plan", "没有 " + year + " 年的计划")));
        }
        LocalDate today = LocalDate.now(clock);
        Map<String, MilestoneOutcome> outcomes = mongo.find(Query.query(Criteria.where("planYear").is(year)),
                MilestoneOutcome.class).stream().collect(Collectors.toMap(MilestoneOutcome::milestoneId, o -> o,
                        (a, b) -> a));
        List<Evaluation.Scored> milestones = new ArrayList<>();
        List<ItemResult> construction = new ArrayList<>();
        versions.latestPlan(year).ifPresent(plan -> plan.sections().stream().filter(Section::construction)
                .forEach(section -> section.items().forEach(item -> {
                    milestones.addAll(scored(year, section, item, outcomes));
                    construction.add(Scoring.construction(year, today, section, item, outcomes));
                })));
        return Evaluation.of(year, today, planItems, milestones, construction);
    }

    /** The construction milestones of an item, scored by what project-service last said of them. */
    private static List<Evaluation.Scored> scored(int year, Section section, PlanSnapshot.Item item,
            Map<String, MilestoneOutcome> outcomes) {
        List<Evaluation.Scored> scored = new ArrayList<>();
        item.milestones().forEach(milestone -> {
            MilestoneOutcome outcome = outcomes.get(milestone.id());
            boolean met = outcome != null && outcome.status() == TrackingStatus.DONE;
            // an unscheduled milestone is due by the plan year's end
            LocalDate due = milestone.plannedDate() != null ? milestone.plannedDate() : LocalDate.of(year, 12, 31);
            boolean onTime = met && outcome.reachedOn() != null && !outcome.reachedOn().isAfter(due);
            scored.add(new Evaluation.Scored(item.itemId(), section.number() + " " + section.title(),
                    item.responsibility(), met, onTime, outcome != null && outcome.status() == TrackingStatus.RED));
        });
        return scored;
    }

    @GetMapping("/api/evaluation/{year}/export.xlsx")
    ResponseEntity<byte[]> export(@PathVariable int year) {
        byte[] workbook = EvaluationWorkbook.of(evaluation(year));
        return ResponseEntity.ok().contentType(XLSX)
                .header("Content-Disposition", ContentDisposition.attachment()
                        .filename(year + "年区政府重点工作考核.xlsx", java.nio.charset.StandardCharsets.UTF_8)
                        .build().toString())
                .body(workbook);
    }
}
