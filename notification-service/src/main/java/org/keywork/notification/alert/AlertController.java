package org.keywork.notification.alert;

import jakarta.validation.Valid;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
 * every alert (the supervisors' view); one alert; and its acknowledgement. Until the gateway authenticates callers,
 * the recipient is a query parameter.
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
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String itemId,
            @RequestParam(required = false) Integer year,
            @RequestParam(required = false) Integer limit) {
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
    AlertView one(@PathVariable String alertId) {
        return alerts.find(alertId).map(AlertView::of).orElseThrow(() -> notFound(alertId));
    }

    /** 200 with the alert as acknowledged; a second acknowledgement keeps the first. */
    @PostMapping("/{alertId}/ack")
    AlertView acknowledge(@PathVariable String alertId, @Valid @RequestBody(required = false) AckRequest request) {
        AckRequest ack = request == null ? new AckRequest(null, null) : request;
        return alerts.acknowledge(alertId, ack.by(), ack.note()).map(AlertView::of)
                .orElseThrow(() -> notFound(alertId));
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
