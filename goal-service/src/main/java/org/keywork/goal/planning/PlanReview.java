package org.keywork.goal.planning;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.keywork.goal.plan.document.ParsedLayout;
import org.keywork.goal.planning.PlanDocumentReader.DocumentSource;
import org.keywork.goal.planning.PlanSnapshot.Heading;
import org.keywork.support.web.FieldProblem;
import org.keywork.support.web.InvalidRequestException;
import org.keywork.support.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Review before publishing: a draft is opened from an uploaded document, from a published version (to correct it)
 * or from nothing; corrections are applied one at a time and recorded; publishing makes the draft the year's next
 * plan version, with its corrections in the version history.
 */
@Service
class PlanReview {

    private final PlanDrafts drafts;
    private final PlanImporter importer;
    private final PlanVersions versions;
    private final Clock clock;

    PlanReview(PlanDrafts drafts, PlanImporter importer, PlanVersions versions, Clock clock) {
        this.drafts = drafts;
        this.importer = importer;
        this.versions = versions;
        this.clock = clock;
    }

    /** A draft of the plan an uploaded document holds, beside its text. */
    PlanDraft fromDocument(byte[] upload, String contentType, Integer year, String by) {
        PlanImporter.Read read = importer.read(upload, contentType, year);
        Instant now = clock.instant();
        Integer basedOn = versions.latest(read.plan().planYear()).map(PlanVersion::version).orElse(null);
        return drafts.insert(new PlanDraft(UUID.randomUUID().toString(), read.plan().planYear(), basedOn,
                PlanDraft.OPEN, by, now, now, 0, read.plan(), read.source(), read.layout(), read.text(),
                read.warnings(), List.of(), null));
    }

    /** A draft copied from the year's latest version, or an empty plan when {@code empty} (or the year has none). */
    PlanDraft fromVersion(int planYear, String title, boolean empty, String by) {
        if (planYear < 2000 || planYear > 2100) {
            throw PlanEdits.invalid("planYear", "out-of-range", "计划年度须在 2000–2100 之间");
        }
        Instant now = clock.instant();
        PlanVersion latest = empty ? null : versions.latest(planYear).orElse(null);
        PlanSnapshot plan = latest != null ? latest.plan()
                : new PlanSnapshot(planYear, new Heading(null, null, title == null || title.isBlank()
                        ? planYear + " 年区政府重点工作安排" : title.strip(), null, null), List.of(), List.of(), null);
        DocumentSource source = new DocumentSource(DocumentSource.NONE, null, 0, null, null, 0);
        return drafts.insert(new PlanDraft(UUID.randomUUID().toString(), planYear,
                latest == null ? null : latest.version(), PlanDraft.OPEN, by, now, now, 0, plan, source,
                new ParsedLayout(null, List.of(), null, ParsedLayout.PER_SECTION), null, List.of(), List.of(), null));
    }

    PlanDraft get(String id) {
        return drafts.find(id).orElseThrow(() -> new InvalidRequestException(HttpStatus.NOT_FOUND,
                Problems.NOT_FOUND, "没有这个草稿", List.of(new FieldProblem("draftId", "unknown-draft",
                        "没有草稿 " + id))));
    }

    /** Applies one correction, if the draft is still at {@code revision} (when given) and open. */
    PlanDraft correct(String id, PlanEdits.Op op, String reason, Long revision, String by) {
        PlanDraft draft = open(get(id), revision);
        if (op == null) {
            throw PlanEdits.invalid("op", "required", "请指明修改操作（op）");
        }
        PlanEdits.Applied applied = op.apply(draft.plan());
        PlanSnapshot plan = PlanEdits.renumber(applied.plan());
        Instant now = clock.instant();
        PlanDraft next = draft.corrected(plan, new PlanEdit(now, by, op.name(), applied.subject(), applied.before(),
                applied.after(), reason == null || reason.isBlank() ? null : reason.strip()), now);
        if (!drafts.replace(draft, next)) {
            throw changedMeanwhile(id);
        }
        return next;
    }

    /** What publishing did: the version that stands now, and whether publishing created it. */
    record Published(PlanDraft draft, PlanVersion version, boolean created) {
    }

    Published publish(String id, String reason, Long revision, String by) {
        PlanDraft draft = open(get(id), revision);
        List<FieldProblem> problems = PlanEdits.problems(draft.plan());
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(HttpStatus.UNPROCESSABLE_CONTENT, Problems.VALIDATION,
                    "草稿还不能发布", problems);
        }
        if (reason == null || reason.isBlank()) {
            throw PlanEdits.invalid("reason", "required", "请说明发布原因（如“核对原文后发布”）");
        }
        // items keep the responsibility they carried into the draft, wherever they moved; an item added by hand has
        // none until the 任务分解表 or PUT …/responsibility assigns it
        PlanVersions.Committed committed = versions.commit(draft.plan(), draft.versionSource(), by, reason.strip(),
                draft.warnings(), draft.edits());
        drafts.close(draft, PlanDraft.PUBLISHED, committed.version().version(), clock.instant());
        return new Published(get(id), committed.version(), committed.created());
    }

    void discard(String id, Long revision) {
        PlanDraft draft = open(get(id), revision);
        if (!drafts.close(draft, PlanDraft.DISCARDED, null, clock.instant())) {
            throw changedMeanwhile(id);
        }
    }

    List<PlanDraft> openDrafts(Integer year) {
        return drafts.open(year);
    }

    private static PlanDraft open(PlanDraft draft, Long revision) {
        if (!draft.open()) {
            throw new InvalidRequestException(HttpStatus.CONFLICT, Problems.CONFLICT, "草稿已关闭",
                    List.of(new FieldProblem("draftId", "closed", "草稿已" + (PlanDraft.PUBLISHED.equals(draft.status())
                            ? "发布为第 " + draft.published() + " 版" : "放弃") + "，不能再修改")));
        }
        if (revision != null && revision != draft.revision()) {
            throw changedMeanwhile(draft.id());
        }
        return draft;
    }

    private static InvalidRequestException changedMeanwhile(String id) {
        return new InvalidRequestException(HttpStatus.CONFLICT, Problems.CONFLICT, "草稿已被修改",
                List.of(new FieldProblem("revision", "stale", "草稿 " + id + " 刚被他人修改，请刷新后再改")));
    }
}
