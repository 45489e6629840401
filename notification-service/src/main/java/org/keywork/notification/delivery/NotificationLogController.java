package org.keywork.notification.delivery;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.keywork.notification.outbound.OutgoingMessage;
import org.keywork.support.security.KeyworkIdentity;
import org.keywork.support.web.FieldProblem;
import org.keywork.support.web.InvalidRequestException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/notifications?person=&channel=&status=&limit=}: the notification log, newest first (what went out
 * where, what is pending and why).
 *
 * <p>An admin sees every person's entries and filters as he likes. Anyone else (every signed-in role may ask) sees
 * only his own: the entries whose {@code personId} is his token's {@code personId}, the {@code person} filter forced
 * to it; asking for someone else is a 403 naming {@code person}, and a caller without a {@code personId} has no
 * entries. Without a verified identity (the check is off: a service's own tests) the filter is the caller's.
 */
@RestController
class NotificationLogController {

    static final int DEFAULT_LIMIT = 200;
    static final int MAX_LIMIT = 1000;

    private final NotificationLog notifications;

    NotificationLogController(NotificationLog notifications) {
        this.notifications = notifications;
    }

    @GetMapping("/api/notifications")
    List<View> list(@RequestParam(required = false) String person,
            @RequestParam(required = false) String channel,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) Integer limit,
            HttpServletRequest http) {
        String who = person == null || person.isBlank() ? null : person.strip();
        Optional<KeyworkIdentity> caller = KeyworkIdentity.of(http);
        boolean nobody = false;
        if (caller.isPresent() && !caller.get().hasRole(KeyworkIdentity.ADMIN)) {
            String own = caller.get().personId() == null || caller.get().personId().isBlank() ? null
                    : caller.get().personId().strip();
            if (who != null && !who.equals(own)) {
                throw new InvalidRequestException(HttpStatus.FORBIDDEN, "forbidden", "无权查看",
                        List.of(new FieldProblem("person", "not-own", own == null
                                ? "账号 " + caller.get().user() + " 未关联人员编号，只能查看本人的通知记录"
                                : "只能查看本人（" + own + "）的通知记录，不能查看 " + who + " 的")));
            }
            who = own;
            nobody = own == null;
        }
        List<FieldProblem> problems = new ArrayList<>();
        ChannelKind wantedChannel = parse(ChannelKind.class, "channel", channel, problems,
                "渠道 " + channel + " 无效，应为 INBOX、EMAIL、DINGTALK 或 WECOM");
        DeliveryStatus wantedStatus = parse(DeliveryStatus.class, "status", status, problems,
                "状态 " + status + " 无效，应为 PENDING、SENT 或 FAILED_PERMANENTLY");
        int max = limit == null ? DEFAULT_LIMIT : limit;
        if (max < 1 || max > MAX_LIMIT) {
            problems.add(new FieldProblem("limit", "out-of-range", "应在 1 到 " + MAX_LIMIT + " 之间"));
        }
        if (!problems.isEmpty()) {
            throw InvalidRequestException.invalid(problems);
        }
        if (nobody) {
            return List.of();
        }
        return notifications.list(who, wantedChannel, wantedStatus, max).stream().map(View::of).toList();
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String field, String value, List<FieldProblem> problems,
            String reason) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            problems.add(new FieldProblem(field, "invalid-value", reason));
            return null;
        }
    }

    /** A robot webhook's query holds its access token: listed as {@code ?***}. */
    static String masked(Delivery d) {
        if (d.address() == null || d.channel() == ChannelKind.INBOX || d.channel() == ChannelKind.EMAIL) {
            return d.address();
        }
        int query = d.address().indexOf('?');
        return query < 0 ? d.address() : d.address().substring(0, query) + "?***";
    }

    /** One log entry as listed (without the lease bookkeeping, webhook tokens masked). */
    record View(String id, String messageId, ChannelKind channel, OutgoingMessage.Kind kind, String position,
            String personId, String personName, String address, String subject, String body, String link,
            List<String> alertIds, DeliveryStatus status, int attempts, Instant nextAttemptAt, String lastError,
            Instant createdAt, Instant loggedAt, Instant sentAt) {

        static View of(Delivery d) {
            return new View(d.id(), d.messageId(), d.channel(), d.kind(), d.position(), d.personId(),
                    d.personName(), masked(d), d.subject(), d.body(), d.link(), d.alertIds(), d.status(),
                    d.attempts(), d.nextAttemptAt(), d.lastError(), d.createdAt(), d.loggedAt(), d.sentAt());
        }
    }
}
