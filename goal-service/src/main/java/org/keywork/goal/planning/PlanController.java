package org.keywork.goal.planning;

import io.swagger.v3.oas.annotations.media.Schema;
import java.io.IOException;
import java.net.URI;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.keywork.goal.plan.PlanItems;
import org.keywork.goal.plan.document.ParsedLayout;
import org.keywork.goal.planning.PlanSnapshot.Target;
import org.keywork.support.web.FieldProblem;
import org.keywork.support.web.InvalidRequestException;
import org.keywork.support.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * {@code /api/plans}: a year's plan (any version), its versions with their changes, importing an official
 * document ({@code text/plain; charset=UTF-8}), and editing a target (which makes a new version).
 */
@RestController
class PlanController {

    /** Who acts, until the gateway passes a verified identity (the authentication issue). */
    static final String USER_HEADER = "X-Keywork-User";

    private final PlanVersions versions;
    private final PlanImporter importer;
    private final ImportJobs importJobs;
    private final PlanJobs jobs;
    private final PlanItems items;
    private final Clock clock;

    PlanController(PlanVersions versions, PlanImporter importer, ImportJobs importJobs, PlanJobs jobs,
            PlanItems items, Clock clock) {
        this.versions = versions;
        this.importer = importer;
        this.importJobs = importJobs;
        this.jobs = jobs;
        this.items = items;
        this.clock = clock;
    }

    @GetMapping("/api/plans/{year}")
    PlanView plan(@PathVariable int year, @RequestParam(required = false) Integer version) {
        PlanVersion latest = versions.latest(year).orElseThrow(() -> noPlan(year));
        PlanVersion shown = version == null ? latest : versions.get(year, version).orElseThrow(() ->
                new InvalidRequestException(HttpStatus.NOT_FOUND, Problems.NOT_FOUND, "没有这个版本",
                        List.of(new FieldProblem("version", "unknown-version",
                                year + " 年计划没有第 " + version + " 版（最新为第 " + latest.version() + " 版）"))));
        return PlanView.of(shown.plan(), shown, shown.version() == latest.version() ? items.ofYear(year) : List.of());
    }

    @GetMapping("/api/plans/{year}/versions")
    List<VersionSummary> versions(@PathVariable int year) {
        List<PlanVersion> all = versions.all(year);
        if (all.isEmpty()) {
            throw noPlan(year);
        }
        return all.stream().map(VersionSummary::of).toList();
    }

    @PostMapping(path = "/api/plans/import", consumes = {MediaType.TEXT_PLAIN_VALUE, "text/*",
            MediaType.APPLICATION_OCTET_STREAM_VALUE, MediaType.APPLICATION_PDF_VALUE,
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "application/msword",
            "application/x-pdf"})
    ResponseEntity<Object> importDocument(@RequestBody(required = false) byte[] document,
            @RequestHeader(name = "Content-Type", required = false) String contentType,
            @RequestParam(defaultValue = "false") boolean dryRun, @RequestParam(required = false) Integer year,
            @RequestHeader(name = USER_HEADER, required = false) String user) {
        return imported(document, contentType, dryRun, year, user);
    }

    /** The same import from an HTML form or {@code curl -F file=@plan.docx}. */
    @PostMapping(path = "/api/plans/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<Object> importForm(@RequestPart("file") MultipartFile file,
            @RequestParam(defaultValue = "false") boolean dryRun, @RequestParam(required = false) Integer year,
            @RequestHeader(name = USER_HEADER, required = false) String user) throws IOException {
        return imported(file.getBytes(), file.getContentType(), dryRun, year, user);
    }

    /**
     * A preview answers at once; an import answers with the plan when it is stored within a few seconds, otherwise
     * 202 with the job (its progress at the {@code Location}) while the items are stored in the background.
     */
    private ResponseEntity<Object> imported(byte[] document, String contentType, boolean dryRun, Integer year,
            String user) {
        String by = user == null ? "anonymous" : user;
        if (dryRun) {
            return ResponseEntity.ok(ImportResponse.of(importer.importDocument(document, contentType, year, true,
                    by)));
        }
        ImportJobs.Started started = importJobs.start(document, contentType, year, by);
        if (started.imported() != null) {
            return ResponseEntity.ok(ImportResponse.of(started.imported()));
        }
        JobView job = JobView.of(started.job());
        return ResponseEntity.accepted().location(URI.create(job.location())).body(job);
    }

    @GetMapping("/api/plans/jobs/{jobId}")
    JobView job(@PathVariable String jobId) {
        return jobs.find(jobId).map(JobView::of).orElseThrow(() -> new InvalidRequestException(HttpStatus.NOT_FOUND,
                Problems.NOT_FOUND, "没有这个任务", List.of(new FieldProblem("jobId", "unknown-job",
                        "没有编号为 " + jobId + " 的导入任务（任务记录保留 7 天）"))));
    }

    /**
     * Where a long plan operation stands: {@code state} RUNNING, DONE or FAILED; {@code itemsDone} of
     * {@code itemsTotal} plan items stored ({@code percent}); once done the plan version and where to read it.
     */
    record JobView(String jobId, String kind, String state, String by, Instant startedAt, Instant finishedAt,
            int itemsDone, int itemsTotal, int percent, Integer planYear, Integer version, String outcome,
            String problem, String location, String plan) {

        static JobView of(PlanJobs.PlanJob job) {
            int percent = job.state() == PlanJobs.State.DONE ? 100
                    : job.itemsTotal() == 0 ? 0 : (int) (100L * job.itemsDone() / job.itemsTotal());
            String plan = job.planYear() == null || job.version() == null ? null
                    : "/api/plans/" + job.planYear() + "?version=" + job.version();
            return new JobView(job.id(), job.kind(), job.state().name(), job.by(), job.startedAt(),
                    job.finishedAt(), job.itemsDone(), job.itemsTotal(), percent, job.planYear(), job.version(),
                    job.outcome(), job.problem(), "/api/plans/jobs/" + job.id(), plan);
        }
    }

    @PutMapping("/api/plans/{year}/targets/{targetId}")
    VersionSummary editTarget(@PathVariable int year, @PathVariable String targetId,
            @RequestBody TargetEdit edit, @RequestHeader(name = USER_HEADER, required = false) String user) {
        PlanVersion latest = versions.latest(year).orElseThrow(() -> noPlan(year));
        Target target = latest.plan().items().flatMap(item -> item.indicators().stream())
                .filter(t -> t.id().equals(targetId)).findFirst()
                .orElseThrow(() -> new InvalidRequestException(HttpStatus.NOT_FOUND, Problems.NOT_FOUND, "没有这个指标",
                        List.of(new FieldProblem("targetId", "unknown-target",
                                year + " 年计划中没有指标 " + targetId))));
        if (edit.value() == null || edit.value().signum() < 0) {
            throw InvalidRequestException.invalid(List.of(new FieldProblem("value", "required",
                    "目标值必填，且不能为负数")));
        }
        if (edit.reason() == null || edit.reason().isBlank()) {
            throw InvalidRequestException.invalid(List.of(new FieldProblem("reason", "required",
                    "请说明修改目标的原因（如“以市政府正式下达为准”）")));
        }
        if (edit.reason().length() > TargetEdit.REASON_MAX) {
            throw PlanEdits.invalid("reason", "too-long", "最长 " + TargetEdit.REASON_MAX + " 个字");
        }
        // the same rules as a draft's EDIT_TARGET: a unit of at most 20 characters, a direction the plan knows
        Target changed = target.withTarget(edit.value(), PlanEdits.optionalText(edit.unit(), "unit",
                TargetEdit.UNIT_MAX, target.unit()), PlanEdits.directionOf(edit.direction(), target.direction()));
        PlanVersions.Committed committed = versions.commit(PlanVersions.withTarget(latest.plan(), targetId, changed),
                "EDIT", user == null ? "anonymous" : user, edit.reason(), List.of(),
                List.of(new PlanEdit(clock.instant(), user == null ? "anonymous" : user, "EDIT_TARGET", targetId,
                        PlanDiff.describe(target), PlanDiff.describe(changed), edit.reason())));
        return VersionSummary.of(committed.version());
    }

    private static InvalidRequestException noPlan(int year) {
        return new InvalidRequestException(HttpStatus.NOT_FOUND, Problems.NOT_FOUND, "没有这一年的计划",
                List.of(new FieldProblem("year", "unknown-plan", "没有 " + year + " 年的计划，请先导入计划文件")));
    }

    /** A target's new value, and its unit and direction ({@code Direction}) when they change too; why. */
    record TargetEdit(BigDecimal value, @Schema(maxLength = UNIT_MAX) String unit, String direction,
            @Schema(maxLength = REASON_MAX) String reason) {

        static final int UNIT_MAX = 20;
        static final int REASON_MAX = 500;
    }

    /**
     * What an import did and read: the outcome (PREVIEW, CREATED, UNCHANGED), the version, the file as read
     * (format, encoding or pages, characters), the layout recognised, the plan, the warnings and the changes.
     */
    record ImportResponse(String outcome, Integer version, PlanDocumentReader.DocumentSource source,
            ParsedLayout layout, PlanView plan, List<PlanVersion.Warning> warnings, List<PlanChange> changes) {

        static ImportResponse of(PlanImporter.Imported imported) {
            return new ImportResponse(imported.outcome(),
                    imported.version() == null ? null : imported.version().version(), imported.read().source(),
                    imported.read().layout(), PlanView.of(imported.plan(), imported.version(), List.of()),
                    imported.read().warnings(), imported.changes());
        }
    }

    record VersionSummary(int planYear, int version, String source, String by, String reason, Instant createdAt,
            boolean baseline, PlanView.Counts counts, List<PlanChange> changes, List<PlanEdit> edits) {

        static VersionSummary of(PlanVersion version) {
            return new VersionSummary(version.planYear(), version.version(), version.source(), version.by(),
                    version.reason(), version.createdAt(), version.version() == 1, PlanView.Counts.of(version.plan()),
                    version.changes(), version.edits());
        }
    }
}
