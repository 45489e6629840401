package org.keywork.notification.alert;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.keywork.support.store.DueMarker;
import org.keywork.events.TargetKind;
import org.keywork.events.TrackingStatus;
import org.keywork.support.events.OutboxEntry;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One alert for one (target, rule, period), stored under an id derived from exactly that, together with the
 * {@code AlertRaised} event announcing it (the embedded outbox), in one atomic insert. A second insert for the same
 * (target, rule, period) fails on the id, so an event delivered or replayed any number of times raises one alert.
 *
 * <p>The target is an indicator (a RED {@code IndicatorStatusChanged}), a construction milestone (a RED or YELLOW
 * {@code MilestoneStatusChanged}) or a target whose monthly report is missing ({@code ReportMissing}, rule
 * {@value #REPORT_MISSING}). The indicator numbers ({@code target} to {@code shortfallPoints}) are null for the
 * other two. The fields marked "since milestones" follow {@code outbox}; every one of them is nullable, so alerts
 * stored before they existed still read.
 *
 * @param recipientPosition who receives it: the responsible leader's position for an indicator or a milestone, the
 *                       lead department for a missing report (the department's reminder to report)
 * @param asOf           the date judged; for a missing report, its deadline
 * @param targetKind     INDICATOR or MILESTONE; null for a missing report (the event does not say) and for
 *                       alerts stored before milestones (since milestones)
 * @param targetName     what the target is called: the indicator's name, the milestone's project, the name the
 *                       missing report concerns (since milestones)
 * @param milestoneType  START, COMPLETION or OTHER, for a milestone (since milestones)
 * @param plannedDate    the milestone's baseline date (since milestones)
 * @param forecastDate   the milestone's latest forecast, if any (since milestones)
 * @param deadline       the last day a missing report was due (since milestones)
 * @param lastReportAsOf the as-of date of the latest report received before it went missing, if any
 *                       (since milestones)
 * @param leaderPosition the responsible leader's position, also for a missing report (since directory)
 * @param recipients     every position addressed, with its role: the leader, the lead department's positions, the
 *                       cooperating departments' positions (since directory; null before)
 * @param pendingDigests what recipients are still to be told in a digest (since directory)
 * @param escalations    the escalation steps taken, in order (since directory)
 * @param notifiedSteps  the steps whose message was handed to the outbox (since directory)
 * @param lastRemindedOn the business day of the latest reminder (since directory)
 * @param acknowledgedByName who acknowledged, by name: the holder of the caller's position that day, else his
 *                       login (since feedback; null before, the view falls back to {@code acknowledgedBy})
 * @param feedback       what the departments reported back on it (反馈), oldest first, at most
 *                       {@value AlertFeedback#MAX_ENTRIES} (since feedback; null before)
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
        List<OutboxEntry> outbox,
        TargetKind targetKind,
        String targetName,
        String milestoneType,
        LocalDate plannedDate,
        LocalDate forecastDate,
        LocalDate deadline,
        LocalDate lastReportAsOf,
        String leaderPosition,
        List<Recipient> recipients,
        List<PendingDigest> pendingDigests,
        List<Escalation> escalations,
        List<Integer> notifiedSteps,
        LocalDate lastRemindedOn,
        String acknowledgedByName,
        List<AlertFeedback> feedback) {

    static final String COLLECTION = "alerts";

    @PersistenceCreator
    Alert {
    }

    /** An alert as raised: nobody acknowledged it and no department reported back yet. */
    Alert(String alertId, int planYear, String itemId, String itemTitle, String targetId, String indicatorName,
            String rule, String period, TrackingStatus severity, BigDecimal target, String unit, BigDecimal actual,
            BigDecimal expected, BigDecimal shortfallPoints, LocalDate asOf, String recipientPosition,
            String leadDepartment, List<String> cooperatingDepartments, String title, String message,
            AlertStatus status, Instant raisedAt, Instant acknowledgedAt, String acknowledgedBy, String ackNote,
            Instant resolvedAt, String resolvedReason, String sourceEventId, List<OutboxEntry> outbox,
            TargetKind targetKind, String targetName, String milestoneType, LocalDate plannedDate,
            LocalDate forecastDate, LocalDate deadline, LocalDate lastReportAsOf, String leaderPosition,
            List<Recipient> recipients, List<PendingDigest> pendingDigests, List<Escalation> escalations,
            List<Integer> notifiedSteps, LocalDate lastRemindedOn) {
        this(alertId, planYear, itemId, itemTitle, targetId, indicatorName, rule, period, severity, target, unit,
                actual, expected, shortfallPoints, asOf, recipientPosition, leadDepartment, cooperatingDepartments,
                title, message, status, raisedAt, acknowledgedAt, acknowledgedBy, ackNote, resolvedAt,
                resolvedReason, sourceEventId, outbox, targetKind, targetName, milestoneType, plannedDate,
                forecastDate, deadline, lastReportAsOf, leaderPosition, recipients, pendingDigests, escalations,
                notifiedSteps, lastRemindedOn, null, null);
    }

    /**
     * When the escalation sweep looks at an open alert next ({@link org.keywork.support.store.DueMarker}, unique
     * sparse index): a field of the stored document only, kept by {@link Alerts} and {@link Escalations}.
     */
    static final String ESCALATION_CHECK = "escalationCheck";

    /**
     * Present while {@code pendingDigests} holds something to send (unique sparse index): {@code <oldest entry's
     * since, epoch milliseconds, 13 digits>|<alertId>|<newest entry id>}. The time lets the digest flusher ask the
     * index whether any digest is due ({@link org.keywork.support.store.DueMarker#notAfter}) instead of reading every
     * pending alert; the newest entry makes every new entry change the mark, so the flusher clears it only if
     * nothing came since it read.
     */
    static final String DIGEST_PENDING = "digestPending";

    /** The mark for an alert whose pending entries are {@code entries} (the newest last). */
    static String digestMark(String alertId, List<PendingDigest> entries) {
        Instant oldest = entries.stream().map(PendingDigest::since).min(Comparator.naturalOrder()).orElseThrow();
        return DueMarker.millisKey(oldest) + "|" + alertId + "|" + entries.get(entries.size() - 1).entryId();
    }

    /** The rule of an alert for a report that did not arrive in time. */
    static final String REPORT_MISSING = "report-missing";

    /** The alert id of (year, target, rule, period): a name-based UUID, safe in URLs, equal on every redo. */
    static String id(int planYear, String targetId, String rule, String period) {
        return UUID.nameUUIDFromBytes(("alert:" + planYear + ":" + targetId + ":" + rule + ":" + period)
                .getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** The id of the {@code AlertResolved} event of an alert: one per alert. */
    static UUID resolvedEventId(String alertId) {
        return UUID.nameUUIDFromBytes(("notification.alert-resolved:" + alertId).getBytes(StandardCharsets.UTF_8));
    }

    /** The id of the {@code AlertAcknowledged} event of an alert: one per alert, the first acknowledgement. */
    static UUID acknowledgedEventId(String alertId) {
        return UUID.nameUUIDFromBytes(("notification.alert-acknowledged:" + alertId)
                .getBytes(StandardCharsets.UTF_8));
    }

    /** The id of the {@code AlertEscalated} event of one step of an alert. */
    static UUID escalatedEventId(String alertId, int step) {
        return UUID.nameUUIDFromBytes(("notification.alert-escalated:" + alertId + ":" + step)
                .getBytes(StandardCharsets.UTF_8));
    }

    /** The leader responsible, also for alerts stored before {@code leaderPosition} existed. */
    String responsibleLeader() {
        if (leaderPosition != null) {
            return leaderPosition;
        }
        return REPORT_MISSING.equals(rule) ? null : recipientPosition;
    }

    /**
     * The leader who was told of the alert: its LEADER addressee, else the position an escalation step to the
     * leader reached (a missing-report reminder climbs to him); null when no leader was told.
     */
    String alertedLeader() {
        if (recipients != null) {
            Optional<String> addressed = recipients.stream().filter(r -> r.role() == RecipientRole.LEADER)
                    .map(Recipient::position).filter(p -> p != null && !p.isBlank()).findFirst();
            if (addressed.isPresent()) {
                return addressed.get();
            }
        } else if (!REPORT_MISSING.equals(rule) && recipientPosition != null) {
            return recipientPosition; // stored before recipients existed: addressed to the leader alone
        }
        return escalations == null ? null : escalations.stream().filter(e -> e.role() == RecipientRole.LEADER)
                .map(Escalation::position).filter(p -> p != null && !p.isBlank()).findFirst().orElse(null);
    }

    /** The id of the {@code AlertRaised} event of an alert, so that raising it again yields the same event. */
    static UUID raisedEventId(String alertId) {
        return UUID.nameUUIDFromBytes(("notification.alert-raised:" + alertId).getBytes(StandardCharsets.UTF_8));
    }
}
