package org.keywork.notification.alert;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.keywork.notification.directory.Directory;
import org.keywork.support.security.KeyworkIdentity;
import org.keywork.support.web.FieldProblem;
import org.keywork.support.web.InvalidRequestException;
import org.keywork.support.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/alerts}: the alerts inbox, newest first, filtered by recipient position (or by person: the alerts of
 * the positions he held, with succession, see {@link Alerts#inbox}), status, item and year; without a recipient,
 * every alert (the supervisors' view); one alert; its acknowledgement (with the leader's 批示) and the departments'
 * feedback (反馈).
 *
 * <p>The list also filters by section, responsible leader (position or name), level, text and raising date
 * ({@link ListQuery}); with {@code page} it answers one page with the total and the counts by status
 * ({@link AlertPage}), without it the array of old.
 *
 * <p>With a verified identity (always, behind the gateway) a leader sees only the alerts addressed to his position and
 * a department only those of its department, whatever filter they send; supervisors and admins see all and filter as
 * they like. Only an addressee (or an admin) acknowledges, and the acknowledgement is recorded in the caller's name.
 */
@RestController
@RequestMapping("/api/alerts")
class AlertController {

    static final int DEFAULT_LIMIT = 200;
    static final int MAX_LIMIT = 1000;

    private final Alerts alerts;
    private final AlertStore store;
    private final Feedbacks feedbacks;
    private final CallerNames names;
    private final Directory directory;
    private final Clock clock;

    AlertController(Alerts alerts, AlertStore store, Feedbacks feedbacks, CallerNames names, Directory directory,
            Clock clock) {
        this.alerts = alerts;
        this.store = store;
        this.feedbacks = feedbacks;
        this.names = names;
        this.directory = directory;
        this.clock = clock;
    }

    @GetMapping
    Object list(@RequestParam(required = false) String recipient,
            @RequestParam(required = false) String person,
            @RequestParam(required = false) String department,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String itemId,
            @RequestParam(required = false) Integer year,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String section,
            @RequestParam(required = false) String leader,
            @RequestParam(required = false) String level,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size,
            HttpServletRequest http) {
        Optional<KeyworkIdentity> caller = KeyworkIdentity.of(http);
        if (caller.isPresent() && !caller.get().seesAll()) {
            // his own inbox, whatever he asked for
            recipient = own(caller.get());
            person = null;
        } else if (emptyToNull(recipient) == null && emptyToNull(department) != null) {
            recipient = department;
        }
        List<FieldProblem> problems = new ArrayList<>();
        AlertStatus wanted = status == null || status.isBlank() ? null : status(status, problems);
        int max = limit == null ? DEFAULT_LIMIT : limit;
        if (max < 1 || max > MAX_LIMIT) {
            problems.add(new FieldProblem("limit", "out-of-range", "应在 1 到 " + MAX_LIMIT + " 之间"));
        }
        if (recipient != null && !recipient.isBlank() && person != null && !person.isBlank()) {
            problems.add(new FieldProblem("person", "conflicting-filter", "recipient 与 person 只能给出其一"));
        }
        ListQuery query = ListQuery.read(section, leader, level, q, from, to, page, size, problems);
        if (query.any() && emptyToNull(person) != null) {
            problems.add(new FieldProblem("person", "conflicting-filter",
                    "按 person 查询时不能分页或使用 section、leader、level、q、from、to；请改用 recipient 或 leader"));
        }
        if (!problems.isEmpty()) {
            throw InvalidRequestException.invalid(problems);
        }
        if (emptyToNull(person) != null) {
            return alerts.inbox(person.strip(), wanted, emptyToNull(itemId), year, max).stream()
                    .map(AlertView::of).toList();
        }
        if (!query.any()) {
            return alerts.list(emptyToNull(recipient), wanted, emptyToNull(itemId), year, max).stream()
                    .map(AlertView::of).toList();
        }
        AlertStore.Filter filter = query.filter(emptyToNull(recipient), wanted, emptyToNull(itemId), year,
                directory, clock.getZone());
        if (query.page() == null) {
            return store.find(filter, 0, max).stream().map(AlertView::of).toList();
        }
        Map<AlertStatus, Long> counts = store.countByStatus(filter);
        long total = wanted != null ? counts.get(wanted) : counts.values().stream().mapToLong(Long::longValue).sum();
        List<AlertView> content = total <= (long) query.page() * query.size() ? List.of()
                : store.find(filter, (long) query.page() * query.size(), query.size()).stream()
                        .map(AlertView::of).toList();
        return new AlertPage(content, new AlertPage.PageInfo(query.size(), query.page(), total,
                (total + query.size() - 1) / query.size()), counts);
    }

    @GetMapping("/{alertId}")
    AlertView one(@PathVariable String alertId, HttpServletRequest http) {
        Alert alert = alerts.find(alertId).orElseThrow(() -> notFound(alertId));
        Optional<KeyworkIdentity> caller = KeyworkIdentity.of(http);
        if (caller.isPresent() && !caller.get().seesAll() && !addressedTo(alert, caller.get())) {
            throw notFound(alertId); // not his: as if it did not exist
        }
        return AlertView.of(alert);
    }

    /** 200 with the alert as acknowledged; a second acknowledgement keeps the first. */
    @PostMapping("/{alertId}/ack")
    AlertView acknowledge(@PathVariable String alertId, @Valid @RequestBody(required = false) AckRequest request,
            HttpServletRequest http) {
        AckRequest ack = request == null ? new AckRequest(null, null) : request;
        String by = ack.by();
        String byName = ack.by();
        Optional<KeyworkIdentity> caller = KeyworkIdentity.of(http);
        if (caller.isPresent()) {
            KeyworkIdentity who = caller.get();
            Alert alert = alerts.find(alertId).orElseThrow(() -> notFound(alertId));
            if (!who.hasRole(KeyworkIdentity.ADMIN) && !addressedTo(alert, who)) {
                throw new InvalidRequestException(HttpStatus.FORBIDDEN, "forbidden", "无权确认",
                        List.of(new FieldProblem("alertId", "not-addressee", "这条预警不是发给 " + who.user()
                                + (who.position() != null ? "（" + who.position() + "）"
                                        : who.department() != null ? "（" + who.department() + "）" : "")
                                + " 的，只有收件人可以确认")));
            }
            by = who.user();
            byName = names.nameOf(who, who.user());
        }
        return alerts.acknowledge(alertId, by, byName, ack.note()).map(AlertView::of)
                .orElseThrow(() -> notFound(alertId));
    }

    /**
     * 200 with the alert and its feedback list after the entry; a retry with the same {@code feedbackId} answers the
     * same. Only the item's lead or cooperating department (or an admin): else 403 naming the alert.
     */
    @PostMapping("/{alertId}/feedback")
    AlertView feedback(@PathVariable String alertId, @Valid @RequestBody FeedbackRequest request,
            HttpServletRequest http) {
        Optional<KeyworkIdentity> caller = KeyworkIdentity.of(http);
        Feedbacks.Reporter reporter = caller.map(who -> new Feedbacks.Reporter(who.user(),
                        emptyToNull(who.department()), who))
                .orElseGet(() -> new Feedbacks.Reporter(
                        Optional.ofNullable(emptyToNull(http.getHeader("X-Keywork-User"))).orElse("anonymous"),
                        emptyToNull(http.getHeader("X-Keywork-Department")), null));
        return AlertView.of(feedbacks.add(alertId, request, reporter));
    }

    /** The recipient filter of a caller who sees only his own: a leader's position, a department's name. */
    private static String own(KeyworkIdentity caller) {
        String own = caller.hasRole(KeyworkIdentity.LEADER) ? caller.position() : caller.department();
        if (own == null || own.isBlank()) {
            throw new InvalidRequestException(HttpStatus.FORBIDDEN, "forbidden", "无权查看",
                    List.of(new FieldProblem("recipient", "no-own-inbox", "账号 " + caller.user()
                            + " 未关联职务或部门，没有自己的提醒")));
        }
        return own;
    }

    /** Whether the alert is addressed to the caller's position or department. */
    static boolean addressedTo(Alert alert, KeyworkIdentity caller) {
        String position = caller.hasRole(KeyworkIdentity.LEADER) ? caller.position() : null;
        String department = caller.hasRole(KeyworkIdentity.DEPARTMENT) ? caller.department() : null;
        if (position != null && (position.equals(alert.recipientPosition()) || alert.recipients() != null
                && alert.recipients().stream().anyMatch(r -> position.equals(r.position())))) {
            return true;
        }
        if (department != null) {
            return department.equals(alert.leadDepartment()) || department.equals(alert.recipientPosition())
                    || alert.cooperatingDepartments() != null && alert.cooperatingDepartments().contains(department)
                    || alert.recipients() != null && alert.recipients().stream()
                            .anyMatch(r -> r.position() != null && (r.position().equals(department)
                                    || r.position().startsWith(department + " ")));
        }
        return false;
    }

    private static AlertStatus status(String status, List<FieldProblem> problems) {
        try {
            return AlertStatus.valueOf(status.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            problems.add(new FieldProblem("status", "invalid-value",
                    "状态 " + status + " 无效，应为 OPEN、ACKNOWLEDGED 或 RESOLVED"));
            return null;
        }
    }

    static String emptyToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    static InvalidRequestException notFound(String alertId) {
        return new InvalidRequestException(HttpStatus.NOT_FOUND, Problems.NOT_FOUND, "没有这条预警",
                List.of(new FieldProblem("alertId", "not-found", "没有编号为 " + alertId + " 的预警")));
    }
}
