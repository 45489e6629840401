package org.keywork.notification.delivery;

import java.time.Instant;
import java.util.List;
import org.keywork.notification.outbound.OutgoingMessage;

/** The data of one {@code notification} event on the inbox stream. */
record InboxNotification(
        String messageId,
        OutgoingMessage.Kind kind,
        String subject,
        String body,
        String link,
        List<String> alertIds,
        Instant createdAt) {

    static InboxNotification of(Delivery delivery) {
        return new InboxNotification(delivery.messageId(), delivery.kind(), delivery.subject(), delivery.body(),
                delivery.link(), delivery.alertIds(), delivery.createdAt());
    }
}
