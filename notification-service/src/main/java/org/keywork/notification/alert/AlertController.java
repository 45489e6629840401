package org.keywork.notification.alert;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
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
 * every alert (the supervisors' view); one alert; and its acknowledgement.
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

    AlertController(Alerts alerts) {
        this.alerts = alerts;
    }

    @GetMapping
    List<AlertView> list(@RequestParam(required = false) String recipient,
            @RequestParam(required = false) String person,
            @RequestParam(required = false) String department,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String itemId,
            @RequestParam(required = false) Integer year,
            @RequestParam(required = false) Integer limit,
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
        if (!problems.isEmpty()) {
            throw InvalidRequestException.invalid(problems);
        }
        if (emptyToNull(person) != null) {
            return alerts.inbox(person.strip(), wanted, emptyToNull(itemId), year, max).stream()
                    .map(AlertView::of).toList();
        }
        return alerts.list(emptyToNull(recipient), wanted, emptyToNull(itemId), year, max).stream()
                .map(AlertView::of).toList();
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
        }
        return alerts.acknowledge(alertId, by, ack.note()).map(AlertView::of)
                .orElseThrow(() -> notFound(alertId));
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

    private static String emptyToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static InvalidRequestException notFound(String alertId) {
        return new InvalidRequestException(HttpStatus.NOT_FOUND, Problems.NOT_FOUND, "没有这条预警",
                List.of(new FieldProblem("alertId", "not-found", "没有编号为 " + alertId + " 的预警")));
    }
}
