package org.keywork.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A department's progress report was validated and stored durably by progress-service.
 *
 * @param reportId    the client-chosen id that makes retries idempotent
 * @param planYear    the plan year the item belongs to
 * @param itemId      {@code S.N}
 * @param targetId    {@code S.N#K}: the indicator or milestone the report advances; for a qualitative goal
 *                    ({@link TargetKind#GOAL}) the item itself, {@code S.N}
 * @param targetKind  what the target is
 * @param value       the indicator's value to date (cumulative or level, as the target is defined); null otherwise
 * @param reachedOn   the date a milestone was reached; null otherwise
 * @param asOf        the date the report speaks for
 * @param department  the reporting department
 * @param note        free text, optional
 * @param acceptedAt  when progress-service accepted it
 * @param supersedes  the id of an earlier report (same item and target) this one corrects; the earlier report stays
 *                    in the history, and where it set the current value, this one replaces it; null when not a
 *                    correction (and in events from before this field)
 * @param state       for a qualitative goal: NOT_STARTED, ON_TRACK, AT_RISK, BLOCKED or DONE; null otherwise (and in
 *                    events from before this field)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ProgressReportAccepted(
        String reportId,
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
        String supersedes,
        String state) implements ItemEvent {

    public static final String TYPE = "progress.report-accepted";
    public static final int VERSION = 1;

    /** A report that corrects nothing and carries no qualitative state (the shape before those fields). */
    public ProgressReportAccepted(String reportId, int planYear, String itemId, String targetId,
            TargetKind targetKind, BigDecimal value, LocalDate reachedOn, LocalDate asOf, String department,
            String note, Instant acceptedAt) {
        this(reportId, planYear, itemId, targetId, targetKind, value, reachedOn, asOf, department, note, acceptedAt,
                null, null);
    }

    @Override
    public String eventType() {
        return TYPE;
    }

    @Override
    public int eventVersion() {
        return VERSION;
    }
}
