package org.keywork.goal.evaluation;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
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
    private final Clock clock;

    EvaluationController(PlanItems items, Clock clock) {
        this.items = items;
        this.clock = clock;
    }

    @GetMapping("/api/evaluation/{year}")
    Evaluation evaluation(@PathVariable int year) {
        var planItems = items.ofYear(year);
        if (planItems.isEmpty()) {
            throw new InvalidRequestException(HttpStatus.NOT_FOUND, Problems.NOT_FOUND, "没有这一年的计划",
                    List.of(new FieldProblem("year", "unknown-plan", "没有 " + year + " 年的计划")));
        }
        return Evaluation.of(year, LocalDate.now(clock), planItems);
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
