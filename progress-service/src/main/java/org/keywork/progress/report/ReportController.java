package org.keywork.progress.report;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.keywork.support.security.KeyworkIdentity;
import org.keywork.support.web.FieldProblem;
import org.keywork.support.web.InvalidRequestException;
import org.keywork.support.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/progress}: post a report (202 once it is stored), read an item's report history. */
@RestController
@RequestMapping("/api/progress")
class ReportController {

    private final ReportIntake intake;

    ReportController(ReportIntake intake) {
        this.intake = intake;
    }

    /** Validated by {@link ReportValidator}, the same rules every row of a bulk upload passes. */
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ReportReceipt> post(@RequestBody ReportRequest request, HttpServletRequest http) {
        ProgressReport report = intake.accept(request, KeyworkIdentity.of(http));
        ReportReceipt receipt = ReportReceipt.of(report);
        return ResponseEntity.accepted().location(URI.create(receipt.location())).body(receipt);
    }

    @GetMapping
    List<ReportView> history(@RequestParam String itemId, @RequestParam(required = false) Integer year) {
        List<ProgressReport> reports = intake.history(itemId, year);
        Map<String, String> supersededBy = new HashMap<>();
        reports.stream().filter(r -> r.supersedes() != null).forEach(r -> supersededBy.put(r.supersedes(),
                r.reportId()));
        return reports.stream().map(r -> ReportView.of(r, supersededBy.get(r.reportId()))).toList();
    }

    @GetMapping("/{reportId}")
    ReportView one(@PathVariable String reportId) {
        return intake.find(reportId).map(r -> ReportView.of(r, intake.supersededBy(reportId).orElse(null)))
                .orElseThrow(() -> new InvalidRequestException(
                HttpStatus.NOT_FOUND, Problems.NOT_FOUND, "没有这份报告",
                List.of(new FieldProblem("reportId", "not-found", "没有编号为 " + reportId + " 的报告"))));
    }
}
