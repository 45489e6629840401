package org.keywork.goal.planning;

import java.time.Instant;
import java.util.List;
import org.keywork.support.events.OutboxEntry;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One version of a year's plan ({@code _id} = {@code year/vN}): the whole plan as it stood, where it came from, what
 * changed against the version before, and the events for the construction items it defines (embedded outbox,
 * written in the same insert). Version 1 is the baseline for slip analysis. {@code applied} turns true once every
 * goal item has been brought to this version; a version left unapplied by a crash is finished at the next start.
 *
 * @param source DOCUMENT (an imported document), EDIT (a target edited through the API), REVIEW (a draft of an
 *               imported document, corrected and published), MANUAL (a draft built by hand) or BREAKDOWN (a 任务分解表
 *               applied)
 * @param edits  the changes made by hand that led to this version (who, when, before, after, why), in order
 */
@Document(PlanVersion.COLLECTION)
record PlanVersion(@Id String id, int planYear, int version, String fingerprint, String source, String by,
        String reason, Instant createdAt, PlanSnapshot plan, List<PlanChange> changes, List<Warning> warnings,
        List<PlanEdit> edits, boolean applied, List<OutboxEntry> outbox) {

    PlanVersion {
        edits = edits == null ? List.of() : List.copyOf(edits);
    }

    static final String COLLECTION = "plan_versions";

    static String id(int planYear, int version) {
        return planYear + "/v" + version;
    }

    /** Something the importer could not read, pointing at the text. */
    record Warning(String code, String message, int line, String excerpt) {
    }
}
