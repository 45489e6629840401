package org.keywork.notification.alert;

import java.time.Instant;

/**
 * Something one recipient position is still to be told in its next digest: that the alert was raised, or that it
 * resolved. Written in the same write as the change it announces (the alert's insert, its resolution), so a crash
 * before the digest is sent loses nothing; removed only after the digest was handed to the outbox.
 *
 * @param entryId  {@code <alertId>:<kind>:<position>}: unique, and part of the digest's message id
 * @param kind     RAISED or RESOLVED
 * @param role     the recipient's role
 * @param position the recipient position
 * @param since    real time it became pending: the grouping window runs from the oldest pending entry
 */
record PendingDigest(String entryId, Kind kind, RecipientRole role, String position, Instant since) {

    enum Kind {
        RAISED,
        RESOLVED
    }

    static PendingDigest of(String alertId, Kind kind, Recipient recipient, Instant since) {
        return new PendingDigest(alertId + ":" + kind + ":" + recipient.position(), kind, recipient.role(),
                recipient.position(), since);
    }
}
