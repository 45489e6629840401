package org.keywork.progress.report;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.keywork.events.TargetKind;
import org.keywork.progress.catalog.KnownTarget;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A bulk upload, stored whole in one document before any of its reports: the single atomic write that makes the
 * file accepted all or nothing. Its rows are then expanded into {@code progress_reports} one by one (each insert
 * idempotent); a crash in between leaves it {@link Status#PENDING}, and it is expanded again at start-up.
 *
 * @param uploadId    client-chosen, or the SHA-256 of the file
 * @param contentHash SHA-256 over the rows' contents, so that a retry of the same reports is recognised whatever
 *                    the file format
 * @param conflicts   report ids another report took between validation and expansion (normally empty)
 */
@Document(BulkUpload.COLLECTION)
record BulkUpload(
        @Id String uploadId,
        String contentHash,
        Status status,
        List<BulkRow> rows,
        Instant receivedAt,
        Instant acceptedAt,
        List<String> conflicts) {

    static final String COLLECTION = "bulk_uploads";

    enum Status {
        /** Stored, its reports not yet all written. */
        PENDING,
        /** Every report is stored (each with its event in its outbox). */
        ACCEPTED
    }

    List<String> reportIds() {
        return rows.stream().map(BulkRow::reportId).toList();
    }

    /**
     * One validated row, with what validation learnt from the plan (effective year, target kind).
     *
     * @param row        the row number as the user sees it in the file
     * @param supersedes the report this row corrects, if any (uploads stored before corrections in files: null)
     * @param confirmed  true when the row's 确认 column said 是 (else null)
     */
    record BulkRow(int row, String reportId, Integer planYear, int effectivePlanYear, String itemId,
            String targetId, TargetKind targetKind, BigDecimal value, LocalDate reachedOn, LocalDate asOf,
            String department, String note, String state, String supersedes, Boolean confirmed) {

        @PersistenceCreator
        BulkRow {
        }

        /** A row as stored before confirmations (no 确认 column). */
        BulkRow(int row, String reportId, Integer planYear, int effectivePlanYear, String itemId, String targetId,
                TargetKind targetKind, BigDecimal value, LocalDate reachedOn, LocalDate asOf, String department,
                String note, String state, String supersedes) {
            this(row, reportId, planYear, effectivePlanYear, itemId, targetId, targetKind, value, reachedOn, asOf,
                    department, note, state, supersedes, null);
        }

        static BulkRow of(int row, ReportRequest request, KnownTarget target) {
            return new BulkRow(row, request.reportId(), request.planYear(), target.planYear(), request.itemId(),
                    request.targetId(), target.kind(), request.value(), request.reachedOn(), request.asOf(),
                    request.department(), request.note(), request.state(), request.supersedes(),
                    request.isConfirmed() ? Boolean.TRUE : null);
        }

        ReportRequest request() {
            return new ReportRequest(reportId, planYear, itemId, targetId, value, reachedOn, asOf, department, note,
                    supersedes, state, confirmed);
        }

        KnownTarget target() {
            return new KnownTarget(effectivePlanYear, itemId, targetId, targetKind, null);
        }
    }
}
