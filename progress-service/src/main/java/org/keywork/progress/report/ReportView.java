package org.keywork.progress.report;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import org.keywork.events.TargetKind;

/**
 * A report as the history shows it; {@code supersedes} is the report it corrects, {@code supersededBy} the report
 * correcting it (both null when none); {@code confirmed} whether the reporter confirmed a questioned value.
 */
record ReportView(String reportId, int planYear, String itemId, String targetId, TargetKind targetKind,
        BigDecimal value, LocalDate reachedOn, LocalDate asOf, String department, String note, Instant acceptedAt,
        boolean published, String state, String supersedes, String supersededBy, boolean confirmed) {

    static ReportView of(ProgressReport report, String supersededBy) {
        return new ReportView(report.reportId(), report.planYear(), report.itemId(), report.targetId(),
                report.targetKind(), report.value(), report.reachedOn(), report.asOf(), report.department(),
                report.note(), report.acceptedAt(), report.outbox() == null || report.outbox().isEmpty(),
                report.state(), report.supersedes(), supersededBy, Boolean.TRUE.equals(report.confirmed()));
    }
}
