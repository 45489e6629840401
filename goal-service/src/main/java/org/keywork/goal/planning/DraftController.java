package org.keywork.goal.planning;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.keywork.goal.plan.document.ParsedLayout;
import org.keywork.support.web.FieldProblem;
import org.keywork.support.web.InvalidRequestException;
import org.keywork.support.web.JsonReadProblems;
import org.keywork.support.web.StrictJson;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code /api/plans/drafts}: review and correct a plan before publishing it.
 * <ul>
 * <li>{@code POST /api/plans/drafts} with a document (text, .docx, .pdf; {@code ?year=} when it names none) opens a
 * draft of the plan it holds; with JSON {@code {"planYear", "from": "LATEST"|"EMPTY", "title"}} a draft of the
 * year's latest version (to correct it) or an empty plan (to build one by hand);</li>
 * <li>{@code GET /api/plans/drafts?year=} the open drafts; {@code GET /api/plans/drafts/{id}} one, with the plan,
 * the source text, the warnings, the corrections made and what still keeps it from being published;</li>
 * <li>{@code POST /api/plans/drafts/{id}/edits} one correction ({@code {"op": "EDIT_TARGET", …, "reason",
 * "revision"}}, see {@link PlanEdits});</li>
 * <li>{@code POST /api/plans/drafts/{id}/publish} {@code {"reason", "revision"}}: the year's next version;</li>
 * <li>{@code DELETE /api/plans/drafts/{id}} discards it.</li>
 * </ul>
 */
@RestController
class DraftController {

    private final PlanReview review;
    private final JsonMapper json;

    DraftController(PlanReview review, JsonMapper json) {
        this.review = review;
        this.json = json;
    }

    @PostMapping(path = "/api/plans/drafts", consumes = {MediaType.TEXT_PLAIN_VALUE, "text/*",
            MediaType.APPLICATION_OCTET_STREAM_VALUE, MediaType.APPLICATION_PDF_VALUE,
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "application/msword",
            "application/x-pdf"})
    @ResponseStatus(HttpStatus.CREATED)
    DraftView fromDocument(@RequestBody(required = false) byte[] document,
            @RequestHeader(name = "Content-Type", required = false) String contentType,
            @RequestParam(required = false) Integer year,
            @RequestHeader(name = PlanController.USER_HEADER, required = false) String user) {
        return DraftView.of(review.fromDocument(document, contentType, year, who(user)));
    }

    @PostMapping(path = "/api/plans/drafts", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    DraftView fromForm(@RequestPart("file") MultipartFile file, @RequestParam(required = false) Integer year,
            @RequestHeader(name = PlanController.USER_HEADER, required = false) String user) throws IOException {
        return DraftView.of(review.fromDocument(file.getBytes(), file.getContentType(), year, who(user)));
    }

    @PostMapping(path = "/api/plans/drafts", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    DraftView fromVersion(@RequestBody NewDraft request,
            @RequestHeader(name = PlanController.USER_HEADER, required = false) String user) {
        if (request.planYear() == null) {
            throw PlanEdits.invalid("planYear", "required", "计划年度必填");
        }
        if (request.from() != null && !List.of("LATEST", "EMPTY").contains(request.from())) {
            throw PlanEdits.invalid("from", "unknown", "from 须为 LATEST（复制最新版本修改）或 EMPTY（从空白开始）");
        }
        if (request.title() != null && request.title().strip().codePointCount(0, request.title().strip().length())
                > NewDraft.TITLE_MAX) {
            throw PlanEdits.invalid("title", "too-long", "最长 " + NewDraft.TITLE_MAX + " 个字");
        }
        return DraftView.of(review.fromVersion(request.planYear(), request.title(), "EMPTY".equals(request.from()),
                who(user)));
    }

    @GetMapping("/api/plans/drafts")
    List<DraftSummary> drafts(@RequestParam(required = false) Integer year) {
        return review.openDrafts(year).stream().map(DraftSummary::of).toList();
    }

    @GetMapping("/api/plans/drafts/{id}")
    DraftView draft(@PathVariable String id) {
        return DraftView.of(review.get(id));
    }

    /**
     * One correction: the operation's own fields beside {@code op}, {@code reason} (why, recorded with it) and
     * {@code revision} (the draft's revision the user saw; a stale one gets 409).
     */
    @PostMapping(path = "/api/plans/drafts/{id}/edits", consumes = MediaType.APPLICATION_JSON_VALUE)
    DraftView edit(@PathVariable String id, @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
            content = @Content(schema = @Schema(allOf = {Correction.class, PlanEdits.Op.class})))
            @RequestBody ObjectNode correction,
            @RequestHeader(name = PlanController.USER_HEADER, required = false) String user) {
        JsonNode reason = correction.remove("reason");
        JsonNode revision = correction.remove("revision");
        if (reason != null && !reason.isNull() && !reason.isString()) {
            throw PlanEdits.invalid("reason", "not-a-string", "reason 须为文字");
        }
        // read as a node, it bypassed the text rules of StrictJson: the same rules here
        if (reason != null && reason.isString() && (StrictJson.hasControlCharacter(reason.asString())
                || StrictJson.hasLoneSurrogate(reason.asString()))) {
            throw PlanEdits.invalid("reason", "control-character", "含有控制字符（如 NUL）或无效的 Unicode 字符");
        }
        if (revision != null && !revision.isNull() && !revision.isIntegralNumber()) {
            throw PlanEdits.invalid("revision", "not-an-integer", "revision 须为整数");
        }
        if (revision != null && revision.isIntegralNumber() && !revision.canConvertToLong()) {
            throw PlanEdits.invalid("revision", "out-of-range", "revision 超出范围");
        }
        if (!correction.path("op").isString()) {
            throw PlanEdits.invalid("op", "required", "请指明修改操作 op（如 EDIT_TARGET、SPLIT_ITEM）");
        }
        PlanEdits.Op op;
        try {
            op = json.treeToValue(correction, PlanEdits.Op.class);
        } catch (JacksonException e) {
            String name = correction.path("op").asString();
            // the operation's fields refused as a request body's are: named by their path, in the same words
            throw e.getMessage() != null && e.getMessage().contains("type id")
                    ? PlanEdits.invalid("op", "unknown-op", "没有修改操作 " + name)
                    : InvalidRequestException.invalid(List.of(JsonReadProblems.of(e)));
        }
        if (reason != null && reason.isString() && reason.asString().length() > 500) {
            throw PlanEdits.invalid("reason", "too-long", "最长 500 个字");
        }
        return DraftView.of(review.correct(id, op, reason == null || reason.isNull() ? null : reason.asString(),
                revision == null || revision.isNull() ? null : revision.asLong(), who(user)));
    }

    @PostMapping("/api/plans/drafts/{id}/publish")
    PublishResponse publish(@PathVariable String id, @RequestBody Publication publication,
            @RequestHeader(name = PlanController.USER_HEADER, required = false) String user) {
        PlanReview.Published published = review.publish(id, publication.reason(), publication.revision(), who(user));
        return new PublishResponse(published.created() ? "CREATED" : "UNCHANGED", published.version().planYear(),
                published.version().version(), PlanController.VersionSummary.of(published.version()),
                DraftSummary.of(published.draft()));
    }

    @DeleteMapping("/api/plans/drafts/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void discard(@PathVariable String id, @RequestParam(required = false) Long revision) {
        review.discard(id, revision);
    }

    private static String who(String user) {
        return user == null ? "anonymous" : user;
    }

    /**
     * What every correction carries beside its operation's own fields (for the API document; the body is read as
     * {@link PlanEdits.Op} once these are taken out).
     *
     * @param reason   why, recorded with the change
     * @param revision the draft's revision the user saw; a stale one gets 409
     */
    record Correction(@Schema(maxLength = 500) String reason, Long revision) {
    }

    record NewDraft(Integer planYear, @Schema(allowableValues = {"LATEST", "EMPTY"}) String from,
            @Schema(maxLength = NewDraft.TITLE_MAX) String title) {

        /** As long as a plan's title may be ({@code EDIT_HEADING}). */
        static final int TITLE_MAX = 100;
    }

    record Publication(String reason, Long revision) {
    }

    record PublishResponse(String outcome, int planYear, int version, PlanController.VersionSummary versionSummary,
            DraftSummary draft) {
    }

    record DraftSummary(String id, int planYear, String status, Integer basedOn, long revision, String createdBy,
            Instant createdAt, Instant updatedAt, String title, String sourceFormat, int edits, int warnings,
            Integer published) {

        static DraftSummary of(PlanDraft d) {
            return new DraftSummary(d.id(), d.planYear(), d.status(), d.basedOn(), d.revision(), d.createdBy(),
                    d.createdAt(), d.updatedAt(), d.plan() == null || d.plan().heading() == null ? null
                            : d.plan().heading().title(),
                    d.source() == null ? null : d.source().format(), d.edits().size(), d.warnings().size(),
                    d.published());
        }
    }

    /** A draft in full: the plan as it stands, the source beside it, and what still keeps it from publishing. */
    record DraftView(String id, int planYear, String status, Integer basedOn, long revision, String createdBy,
            Instant createdAt, Instant updatedAt, PlanDocumentReader.DocumentSource source, ParsedLayout layout,
            String sourceText, List<PlanVersion.Warning> warnings, List<PlanEdit> edits, Integer published,
            List<FieldProblem> problems, PlanView plan) {

        static DraftView of(PlanDraft d) {
            return new DraftView(d.id(), d.planYear(), d.status(), d.basedOn(), d.revision(), d.createdBy(),
                    d.createdAt(), d.updatedAt(), d.source(), d.layout(), d.sourceText(), d.warnings(), d.edits(),
                    d.published(), PlanEdits.problems(d.plan()), PlanView.of(d.plan(), null, List.of()));
        }
    }
}
