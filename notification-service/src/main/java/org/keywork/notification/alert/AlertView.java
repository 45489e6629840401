package org.keywork.notification.alert;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.keywork.events.TargetKind;
import org.keywork.events.TrackingStatus;

/**
 * An alert as the inbox shows it. {@code published}: its events have reached Kafka. The fields
 * after it are null where they do not apply (see {@link Alert}).
 *
 * <p>{@code acknowledgedByName}: who acknowledged, by name (the holder of his position that day), else his login;
 * {@code instruction}: the note of the acknowledgement, a leader's 批示 (the same text as {@code ackNote}, kept for
 * older clients); {@code feedback}: the departments' reports back, oldest first, never null.
 */
record AlertView(
        String alertId,
        int planYear,
        String itemId,
        String itemTitle,
        String targetId,
        String indicatorName,
        String rule,
        String period,
        TrackingStatus severity,
        AlertStatus status,
        String title,
        String message,
        BigDecimal target,
        String unit,
        BigDecimal actual,
        BigDecimal expected,
        BigDecimal shortfallPoints,
        LocalDate asOf,
        String recipientPosition,
        String leadDepartment,
        List<String> cooperatingDepartments,
        Instant raisedAt,
        Instant acknowledgedAt,
        String acknowledgedBy,
        String ackNote,
        String acknowledgedByName,
        String instruction,
        Instant resolvedAt,
        String resolvedReason,
        String sourceEventId,
        boolean published,
        TargetKind targetKind,
        String targetName,
        String milestoneType,
        LocalDate plannedDate,
        LocalDate forecastDate,
        LocalDate deadline,
        LocalDate lastReportAsOf,
        String leaderPosition,
        List<Recipient> recipients,
        List<Escalation> escalations,
        LocalDate lastRemindedOn,
        List<AlertFeedback> feedback) {

    static AlertView of(Alert alert) {
        return new AlertView(alert.alertId(), alert.planYear(), alert.itemId(), alert.itemTitle(), alert.targetId(),
                alert.indicatorName(), alert.rule(), alert.period(), alert.severity(), alert.status(), alert.title(),
                alert.message(), alert.target(), alert.unit(), alert.actual(), alert.expected(),
                alert.shortfallPoints(), alert.asOf(), alert.recipientPosition(), alert.leadDepartment(),
                alert.cooperatingDepartments() == null ? List.of() : alert.cooperatingDepartments(),
                alert.raisedAt(), alert.acknowledgedAt(), alert.acknowledgedBy(), alert.ackNote(),
                alert.acknowledgedByName() != null ? alert.acknowledgedByName() : alert.acknowledgedBy(),
                alert.ackNote(), alert.resolvedAt(), alert.resolvedReason(), alert.sourceEventId(),
                alert.outbox() == null || alert.outbox().isEmpty(), alert.targetKind(), alert.targetName(),
                alert.milestoneType(), alert.plannedDate(), alert.forecastDate(), alert.deadline(),
                alert.lastReportAsOf(), alert.responsibleLeader(), Alerts.recipientsOf(alert),
                alert.escalations() == null ? List.of() : alert.escalations(), alert.lastRemindedOn(),
                alert.feedback() == null ? List.of() : alert.feedback());
    }
}
