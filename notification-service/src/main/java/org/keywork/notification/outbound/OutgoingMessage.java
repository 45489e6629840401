package org.keywork.notification.outbound;

import java.time.Instant;
import java.util.List;

/**
 * One message to one person, decided by alerting and sent by delivery: a digest of new and resolved alerts, an
 * escalation, or a reminder. Alerting names the position and the person holding it at the time of sending, with his
 * contacts, so that delivery needs to look up nothing.
 *
 * @param messageId  deterministic for what it says and to whom: enqueuing the same id twice sends it once
 * @param kind       what it is, see {@link Kind}
 * @param position   the position it is addressed to, e.g. 副区长（分管民政）
 * @param personId   the person holding that position when it was decided
 * @param personName his name, for the salutation
 * @param contacts   his channels; a null or blank address means the channel is not used for him
 * @param subject    one line, Simplified Chinese
 * @param body       plain text, Simplified Chinese
 * @param link       where to act: the item or the inbox on the dashboard
 * @param alertIds   the alerts it concerns
 * @param createdAt  when it was decided
 */
public record OutgoingMessage(
        String messageId,
        Kind kind,
        String position,
        String personId,
        String personName,
        Contacts contacts,
        String subject,
        String body,
        String link,
        List<String> alertIds,
        Instant createdAt) {

    public enum Kind {
        /** New (and resolved) alerts of one grouping window. */
        ALERT_DIGEST,
        /** An unacknowledged alert reached the next step of the ladder. */
        ESCALATION,
        /** Still unacknowledged: the repeat interval passed. */
        REMINDER,
        /** A condition recovered on its own; said once. */
        RESOLVED,
        /** A department reported back (反馈) on an alert: told to the leader who was alerted, once per entry. */
        FEEDBACK
    }

    public OutgoingMessage {
        alertIds = alertIds == null ? List.of() : List.copyOf(alertIds);
    }
}
