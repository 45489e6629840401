package org.keywork.notification.delivery;

import java.util.List;
import org.keywork.support.web.FieldProblem;
import org.keywork.support.web.InvalidRequestException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * {@code GET /api/alerts/stream?person=...} (and/or {@code position=...}): the inbox as server-sent events, one
 * {@code notification} event per message, a comment line as heartbeat. The browser's {@code EventSource} sends
 * {@code Last-Event-ID} when it reconnects; the messages logged after that one are replayed first.
 */
@RestController
class InboxStreamController {

    private final InboxChannel inbox;
    private final NotificationLog notifications;
    private final DeliveryProperties properties;

    InboxStreamController(InboxChannel inbox, NotificationLog notifications, DeliveryProperties properties) {
        this.inbox = inbox;
        this.notifications = notifications;
        this.properties = properties;
    }

    @GetMapping("/api/alerts/stream")
    SseEmitter stream(@RequestParam(required = false) String person,
            @RequestParam(required = false) String position,
            @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId) {
        InboxSubscriber subscriber = new InboxSubscriber(trimmed(person), trimmed(position));
        if (subscriber.personId() == null && subscriber.position() == null) {
            throw InvalidRequestException.invalid(List.of(
                    new FieldProblem("person", "required", "请指定接收人（person）或岗位（position）")));
        }
        List<Delivery> missed = lastEventId == null || lastEventId.isBlank() ? List.of()
                : notifications.inboxAfter(subscriber, lastEventId.strip());
        return inbox.subscribe(subscriber, properties.streamTimeout(), missed);
    }

    private static String trimmed(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
