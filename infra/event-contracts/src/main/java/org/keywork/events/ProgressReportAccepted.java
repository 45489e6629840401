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
 * @param targetId    {@code S.N#K}: the indicator or milestone the report advances
 * @param targetKind  what the target is
 * @param value       the indicator's value to date (cumulative or level, as the target is defined); null otherwise
 * @param reachedOn   the date a milestone was reached; null otherwise
 * @param asOf        the date the report speaks for
 * @param department  the reporting department
 * @param note        free text, optional
 * @param acceptedAt  when progress-service accepted it
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
        Instant acceptedAt) implements IntegrationEvent {

    public static final String TYPE = "progress.report-accepted";
    public static final int VERSION = 1;

    @Override
    public String eventType() {
        return TYPE;
    }

    @Override
    public int eventVersion() {
        return VERSION;
    }

    @Override
    public String partitionKey() {
        return itemId;
    }
}
