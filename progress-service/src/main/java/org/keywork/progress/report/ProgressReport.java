package org.keywork.progress.report;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import org.keywork.events.TargetKind;
import org.keywork.support.events.OutboxEntry;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * An accepted report, stored under its client-chosen id together with the event announcing it (the embedded
 * outbox), in one atomic write. A correction names the report it {@code supersedes}; the superseded report is never
 * rewritten (who superseded it is derived when the history is read). {@code state} is a qualitative goal's state;
 * {@code confirmed} is true when the reporter confirmed a value the plausibility check questioned (else absent).
 */
@Document(ProgressReport.COLLECTION)
record ProgressReport(
        @Id String reportId,
        int planYear,
        String itemId,
        String targetId,
        TargetKind targetKind,
        BigDecimal value,
        LocalDate reachedOn,
        LocalDate asOf,
        String department,
        String note,
        Instant acceptedAt,
        List<OutboxEntry> outbox,
        String supersedes,
        String state,
        Boolean confirmed) {

    static final String COLLECTION = "progress_reports";

    /** Whether a retried post carries the same report (ignoring when each copy arrived). */
    boolean sameContentAs(ProgressReport other) {
        return planYear == other.planYear && itemId.equals(other.itemId) && targetId.equals(other.targetId)
                && sameNumber(value, other.value) && Objects.equals(reachedOn, other.reachedOn)
                && asOf.equals(other.asOf) && department.equals(other.department)
                && Objects.equals(note, other.note) && Objects.equals(supersedes, other.supersedes)
                && Objects.equals(state, other.state);
    }

    private static boolean sameNumber(BigDecimal a, BigDecimal b) {
        return a == null ? b == null : b != null && a.compareTo(b) == 0;
    }
}
