package org.keywork.goal.planning;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.keywork.goal.plan.document.ParsedLayout;
import org.keywork.goal.planning.PlanDocumentReader.DocumentSource;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A plan being reviewed before it is published: an imported document's plan beside its source text and warnings,
 * or a plan built by hand, with every correction recorded. Publishing it makes it the year's next version (its
 * edits go with it); until then nothing else in the system sees it.
 *
 * @param basedOn    the version it was copied from (a correction of a published plan), else null
 * @param status     OPEN, PUBLISHED or DISCARDED
 * @param revision   guards concurrent corrections (compare-and-set)
 * @param source     what file it was read from ({@code NONE} for a plan built by hand)
 * @param sourceText the document's text as read, for reviewing beside the plan (null for a plan built by hand)
 * @param published  the version publishing made, else null
 */
@Document(PlanDraft.COLLECTION)
record PlanDraft(@Id String id, int planYear, Integer basedOn, String status, String createdBy, Instant createdAt,
        Instant updatedAt, long revision, PlanSnapshot plan, DocumentSource source, ParsedLayout layout,
        String sourceText, List<PlanVersion.Warning> warnings, List<PlanEdit> edits, Integer published) {

    static final String COLLECTION = "plan_drafts";
    static final String OPEN = "OPEN";
    static final String PUBLISHED = "PUBLISHED";
    static final String DISCARDED = "DISCARDED";

    PlanDraft {
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
        edits = edits == null ? List.of() : List.copyOf(edits);
    }

    /** The draft after one correction. */
    PlanDraft corrected(PlanSnapshot newPlan, PlanEdit edit, Instant at) {
        List<PlanEdit> all = new ArrayList<>(edits);
        all.add(edit);
        return new PlanDraft(id, newPlan.planYear(), basedOn, status, createdBy, createdAt, at, revision + 1,
                newPlan, source, layout, sourceText, warnings, all, published);
    }

    boolean open() {
        return OPEN.equals(status);
    }

    /** The version source a published draft records: REVIEW for an imported document, MANUAL for a hand-built plan. */
    String versionSource() {
        return source == null || DocumentSource.NONE.equals(source.format()) ? "MANUAL" : "REVIEW";
    }
}
