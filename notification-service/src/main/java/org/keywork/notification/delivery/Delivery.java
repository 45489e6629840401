package org.keywork.notification.delivery;

import java.time.Instant;
import java.util.List;
import org.keywork.notification.outbound.OutgoingMessage;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One entry of the durable notification log: one message on one channel, under the id
 * {@code messageId + ":" + channel}. The id makes enqueuing idempotent (a second insert fails on it), and the entry
 * carries everything needed to send, so a restarted or another instance can pick it up without asking alerting.
 *
 * <p>State changes are single-document conditional updates (no transactions, which the MongoDB wire server used
 * in tests does not have): a dispatcher claims a due PENDING entry by setting {@code claimedUntil} (a lease), sends,
 * then marks it SENT or records the failure and the next attempt. A lease that expired (its instance died) makes
 * the entry claimable again.
 *
 * @param id            {@code messageId:CHANNEL}
 * @param address       the person id for INBOX, the mailbox for EMAIL, the robot webhook URL for DINGTALK/WECOM
 * @param attempts      send rounds tried so far (each round may include a few quick in-call retries)
 * @param nextAttemptAt real time, not the business clock, when it is due (again)
 * @param claimedUntil  lease of the instance that is sending it; null when nobody is
 * @param claimedBy     that instance
 * @param createdAt     when alerting decided the message ({@link OutgoingMessage#createdAt()})
 * @param loggedAt      real time it was logged; orders the inbox feed
 * @param sentAt        real time the channel accepted it
 */
@Document(Delivery.COLLECTION)
record Delivery(
        @Id String id,
        String messageId,
        ChannelKind channel,
        OutgoingMessage.Kind kind,
        String position,
        String personId,
        String personName,
        String address,
        String subject,
        String body,
        String link,
        List<String> alertIds,
        DeliveryStatus status,
        int attempts,
        Instant nextAttemptAt,
        Instant claimedUntil,
        String claimedBy,
        String lastError,
        Instant createdAt,
        Instant loggedAt,
        Instant sentAt) {

    static final String COLLECTION = "notification_log";

    Delivery {
        alertIds = alertIds == null ? List.of() : List.copyOf(alertIds);
    }

    static String id(String messageId, ChannelKind channel) {
        return messageId + ":" + channel.name();
    }

    /** A new pending entry, due now. */
    static Delivery pending(OutgoingMessage message, ChannelKind channel, String address, Instant now) {
        return new Delivery(id(message.messageId(), channel), message.messageId(), channel, message.kind(),
                message.position(), message.personId(), message.personName(), address, message.subject(),
                message.body(), message.link(), message.alertIds(), DeliveryStatus.PENDING, 0, now, null, null,
                null, message.createdAt(), now, null);
    }
}
