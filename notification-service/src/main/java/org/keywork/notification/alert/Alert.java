package org.keywork.notification.alert;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.keywork.events.TrackingStatus;
import org.keywork.support.events.OutboxEntry;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One alert for one (indicator, rule, period), stored under an id derived from exactly that, together with the
 * {@code AlertRaised} event announcing it (the embedded outbox), in one atomic insert. A second insert for the same
 * (indicator, rule, period) fails on the id, so an event delivered or replayed any number of times raises one alert.
 */
@Document(Alert.COLLECTION)
record Alert(
        @Id String alertId,
        int planYear,
        String itemId,
        String itemTitle,
        String targetId,
        String indicatorName,
        String rule,
        String period,
        TrackingStatus severity,
        BigDecimal target,
        String unit,
        BigDecimal actual,
        BigDecimal expected,
        BigDecimal shortfallPoints,
        LocalDate asOf,
        String recipientPosition,
        String leadDepartment,
        List<String> cooperatingDepartments,
        String title,
        String message,
        AlertStatus status,
        Instant raisedAt,
        Instant acknowledgedAt,
        String acknowledgedBy,
        String ackNote,
        Instant resolvedAt,
        String resolvedReason,
        String sourceEventId,
        List<OutboxEntry> outbox) {

    static final String COLLECTION = "alerts";

    /** The alert id of (year, indicator, rule, period): a name-based UUID, safe in URLs, equal on every redo. */
    static String id(int planYear, String indicatorId, String rule, String period) {
        return UUID.nameUUIDFromBytes(("alert:" + planYear + ":" + indicatorId + ":" + rule + ":" + period)
                .getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** The id of the {@code AlertRaised} event of an alert, so that raising it again yields the same event. */
    static UUID raisedEventId(String alertId) {
        return UUID.nameUUIDFromBytes(("notification.alert-raised:" + alertId).getBytes(StandardCharsets.UTF_8));
    }
}
