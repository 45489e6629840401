package org.keywork.progress.report;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
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

    /**
     * Reports by item ({@code itemId}, as ever), target, department and plan year, in any combination with at least
     * one of them; a department's caller sees only its own department's reports, whatever it asks. Without
     * {@code page} / {@code size}: every match as a list, by as-of date and arrival; with either: one page
     * ({@link ReportPage}), newest as-of date first.
     */
    @GetMapping
    Object list(@RequestParam(required = false) String itemId, @RequestParam(required = false) Integer year,
            @RequestParam(required = false) String department, @RequestParam(required = false) String targetId,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size,
            HttpServletRequest http) {
        String ownDepartment = ownDepartment(http);
        ReportStore.Filter filter = new ReportStore.Filter(blankToNull(itemId), blankToNull(targetId), year,
                ownDepartment != null ? ownDepartment : blankToNull(department));
        if (filter.isEmpty()) {
            throw InvalidRequestException.invalid(List.of(new FieldProblem("itemId", "required",
                    "请至少指定 itemId、targetId、department 或 year 之一")));
        }
        if (page == null && size == null) {
            return views(intake.list(filter));
        }
        int number = page == null ? 0 : page;
        int pageSize = size == null ? DEFAULT_PAGE_SIZE : size;
        List<FieldProblem> problems = new java.util.ArrayList<>();
        if (number < 0) {
            problems.add(new FieldProblem("page", "out-of-range", "页码从 0 开始，不能为负数"));
        }
        if (pageSize < 1 || pageSize > ReportStore.MAX_PAGE_SIZE) {
            problems.add(new FieldProblem("size", "out-of-range", "每页条数应在 1 到 " + ReportStore.MAX_PAGE_SIZE
                    + " 之间"));
        }
        if (!problems.isEmpty()) {
            throw InvalidRequestException.invalid(problems);
        }
        ReportStore.Page found = intake.page(filter, number, pageSize);
        return new ReportPage(views(found.content()), ReportPage.PageInfo.of(pageSize, number, found.total()));
    }

    static final int DEFAULT_PAGE_SIZE = 20;

    /** Each report with the report correcting it, if any. */
    private List<ReportView> views(List<ProgressReport> reports) {
        Map<String, String> supersededBy = intake.corrections(reports.stream().map(ProgressReport::reportId).toList());
        return reports.stream().map(r -> ReportView.of(r, supersededBy.get(r.reportId()))).toList();
    }

    /** The department a department's caller is confined to; null for anyone who sees every department's reports. */
    private static String ownDepartment(HttpServletRequest http) {
        return KeyworkIdentity.of(http).filter(c -> c.hasRole(KeyworkIdentity.DEPARTMENT) && !c.seesAll())
                .map(KeyworkIdentity::department).orElse(null);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    /** One report; a department's caller sees only its own department's (another's is as if it did not exist). */
    @GetMapping("/{reportId}")
    ReportView one(@PathVariable String reportId, HttpServletRequest http) {
        String ownDepartment = ownDepartment(http);
        return intake.find(reportId).filter(r -> ownDepartment == null || ownDepartment.equals(r.department()))
                .map(r -> ReportView.of(r, intake.supersededBy(reportId).orElse(null)))
                .orElseThrow(() -> new InvalidRequestException(
                HttpStatus.NOT_FOUND, Problems.NOT_FOUND, "没有这份报告",
                List.of(new FieldProblem("reportId", "not-found", "没有编号为 " + reportId + " 的报告"))));
    }
}
