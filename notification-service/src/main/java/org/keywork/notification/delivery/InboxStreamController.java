package org.keywork.notification.delivery;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Optional;
import org.keywork.support.security.KeyworkIdentity;
import org.keywork.support.web.FieldProblem;
import org.keywork.support.web.InvalidRequestException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * {@code GET /api/alerts/stream?person=...} (and/or {@code position=...}): the inbox as server-sent events, one
 * {@code notification} event per message, one {@code alert} event (no id) per change of an alert the stream's
 * owner sees that happened on this instance (raised, acknowledged, reported back on, resolved: {@code AlertFeed}),
 * a comment line as heartbeat. A supervisor's stream, and an admin's without a filter, hear of every alert. The browser's {@code EventSource} sends
 * {@code Last-Event-ID} when it reconnects; the messages logged after that one are replayed first. One account may
 * hold {@code keywork.delivery.max-streams-per-user} streams at once (5: a browser tab each), the instance
 * {@code keywork.delivery.max-streams} (2000); one more is 429 problem+json with {@code Retry-After}.
 */
@RestController
class InboxStreamController {

    private static final Logger log = LoggerFactory.getLogger(InboxStreamController.class);

    private final InboxChannel inbox;
    private final NotificationLog notifications;
    private final DeliveryProperties properties;

    private final StreamQuota quota;

    InboxStreamController(InboxChannel inbox, NotificationLog notifications, DeliveryProperties properties) {
        this.quota = new StreamQuota(properties.maxStreamsPerUser(), properties.maxStreams());
        this.inbox = inbox;
        this.notifications = notifications;
        this.properties = properties;
    }

    @GetMapping("/api/alerts/stream")
    SseEmitter stream(@RequestParam(required = false) String person,
            @RequestParam(required = false) String position,
            @RequestParam(required = false) String recipient,
            @RequestParam(required = false) String department,
            @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId,
            HttpServletRequest http) {
        // recipient: the alerts list's name for a position (the gateway confines a leader with it)
        String wanted = trimmed(position) != null ? trimmed(position) : trimmed(recipient);
        Optional<KeyworkIdentity> caller = KeyworkIdentity.of(http);
        boolean allAlerts = false;
        if (caller.isPresent() && !caller.get().hasRole(KeyworkIdentity.ADMIN)) {
            // an inbox is as private as the notification log: only an admin listens to anyone's; a leader hears what
            // is sent to his position, anyone else what is sent to his department's positions; a supervisor also
            // hears of every alert change, as he sees every alert
            KeyworkIdentity who = caller.get();
            wanted = who.hasRole(KeyworkIdentity.LEADER) ? who.position() : null;
            department = who.hasRole(KeyworkIdentity.LEADER) ? null : who.department();
            person = null;
            if (who.hasRole(KeyworkIdentity.SUPERVISOR)) {
                allAlerts = true;
                person = wanted == null && department == null ? who.personId() : null;
            }
            if (wanted == null && department == null && !allAlerts) {
                throw new InvalidRequestException(HttpStatus.FORBIDDEN, "forbidden", "无权订阅",
                        List.of(new FieldProblem("position", "no-own-inbox", "账号未关联职务或部门，没有自己的提醒流")));
            }
        } else if (caller.isPresent() && trimmed(person) == null && wanted == null && trimmed(department) == null) {
            allAlerts = true; // an admin without a filter: every alert change, nobody's notifications
        }
        InboxSubscriber subscriber = new InboxSubscriber(trimmed(person), wanted, trimmed(department), allAlerts);
        if (subscriber.anyone() && !allAlerts) {
            throw InvalidRequestException.invalid(List.of(
                    new FieldProblem("person", "required", "请指定接收人（person）或岗位（position）")));
        }
        String who = caller.map(KeyworkIdentity::user).orElse("anonymous");
        StreamQuota.Lease lease = quota.tryAcquire(who).orElseThrow(() -> tooMany(who));
        try {
            List<Delivery> missed = lastEventId == null || lastEventId.isBlank() ? List.of()
                    : notifications.inboxAfter(subscriber, lastEventId.strip());
            return inbox.subscribe(subscriber, properties.streamTimeout(), missed, lease::release);
        } catch (RuntimeException e) {
            lease.release();
            throw e;
        }
    }

    private InvalidRequestException tooMany(String who) {
        log.info("Refused another inbox stream to {}: {} open", who, quota.open(who));
        return new InvalidRequestException(HttpStatus.TOO_MANY_REQUESTS, "too-many-streams", "提醒流过多",
                List.of(new FieldProblem("stream", "too-many-streams", "同一账号最多同时打开 " + quota.perCaller()
                        + " 个提醒流（每个浏览器标签页一个）；请关闭不用的页面后再试")))
                .retryAfter(30);
    }

    private static String trimmed(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
