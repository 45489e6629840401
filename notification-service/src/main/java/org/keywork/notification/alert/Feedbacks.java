package org.keywork.notification.alert;

import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.keywork.notification.directory.Directory;
import org.keywork.notification.directory.Holder;
import org.keywork.notification.outbound.Outbox;
import org.keywork.support.security.KeyworkIdentity;
import org.keywork.support.store.CompareAndSet;
import org.keywork.support.web.FieldProblem;
import org.keywork.support.web.InvalidRequestException;
import org.keywork.support.web.Problems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * The departments' reports back (反馈) on alerts: only the item's lead or cooperating department (or an admin)
 * reports; each report is one entry of the alert's {@code feedback} (at most {@value AlertFeedback#MAX_ENTRIES}),
 * appended by one conditional update; the leader who was alerted is told in his inbox, once per entry.
 *
 * <h2>Decisions</h2>
 * <ul>
 * <li><b>Idempotent.</b> A client that sends a {@code feedbackId} may send the request again (a lost answer, a
 * double click): an entry with that id already there is the answer, nothing is appended, nobody is told twice.</li>
 * <li><b>Told exactly once.</b> The inbox message's id is derived from the alert and the entry, and the outbox
 * ignores an id it has: the message is enqueued after the entry is stored, and again on every retry of it (which
 * also covers a crash in between), and is logged once.</li>
 * <li>The message goes to whoever holds the leader's position today (after a handover, the successor); a vacant
 * position is told nothing, the feedback stays on the alert.</li>
 * </ul>
 */
@Service
class Feedbacks {

    private static final Logger log = LoggerFactory.getLogger(Feedbacks.class);
    private static final int ATTEMPTS = 3;

    private final AlertStore store;
    private final Directory directory;
    private final CallerNames names;
    private final Outbox outbox;
    private final AlertFeed feed;
    private final AlertingProperties props;
    private final Clock clock;

    Feedbacks(AlertStore store, Directory directory, CallerNames names, Outbox outbox, AlertFeed feed,
            AlertingProperties props, Clock clock) {
        this.store = store;
        this.directory = directory;
        this.names = names;
        this.outbox = outbox;
        this.feed = feed;
        this.props = props;
        this.clock = clock;
    }

    /**
     * Who reports: the verified caller, or (checks off: a service's own tests) the identity headers as sent.
     *
     * @param login      his login
     * @param department his department, if any
     * @param identity   the verified identity; null when checks are off
     */
    record Reporter(String login, String department, KeyworkIdentity identity) {
    }

    /** Appends the feedback (or finds it, on a retry) and returns the alert as it is after it. */
    Alert add(String alertId, FeedbackRequest request, Reporter reporter) {
        Alert first = store.find(alertId).orElseThrow(() -> AlertController.notFound(alertId));
        checkResponsible(first, reporter);
        String feedbackId = request.feedbackId() == null || request.feedbackId().isBlank()
                ? UUID.randomUUID().toString() : request.feedbackId().strip();
        return CompareAndSet.retry(ATTEMPTS, attempt -> {
            Alert alert = attempt == 1 ? first
                    : store.find(alertId).orElseThrow(() -> AlertController.notFound(alertId));
            Optional<AlertFeedback> before = entry(alert, feedbackId);
            if (before.isPresent()) {
                tellLeader(alert, before.get()); // a retry: told already, the outbox drops the repeat
                return CompareAndSet.done(alert);
            }
            if (alert.feedback() != null && alert.feedback().size() >= AlertFeedback.MAX_ENTRIES) {
                throw full(alertId);
            }
            AlertFeedback entry = new AlertFeedback(feedbackId, reporter.login(), byName(reporter),
                    reporter.department(), request.note().strip(), trimmed(request.reportId()),
                    clock.instant().truncatedTo(ChronoUnit.MILLIS));
            if (!store.appendFeedback(alertId, entry)) {
                // someone else appended meanwhile (the same id, or the last free place): judge again on what is stored
                return CompareAndSet.lost();
            }
            Alert after = store.find(alertId).orElseThrow(() -> AlertController.notFound(alertId));
            log.info("Feedback {} on alert {} by {} ({})", feedbackId, alertId, reporter.login(),
                    reporter.department());
            tellLeader(after, entry);
            feed.changed(after, AlertFeed.Change.FEEDBACK);
            return CompareAndSet.done(after);
        }, () -> full(alertId));
    }

    private void checkResponsible(Alert alert, Reporter reporter) {
        KeyworkIdentity who = reporter.identity();
        if (who == null || who.hasRole(KeyworkIdentity.ADMIN)) {
            return;
        }
        String department = who.department();
        boolean responsible = department != null && (department.equals(alert.leadDepartment())
                || alert.cooperatingDepartments() != null && alert.cooperatingDepartments().contains(department));
        if (!responsible) {
            throw new InvalidRequestException(HttpStatus.FORBIDDEN, "forbidden", "无权反馈",
                    List.of(new FieldProblem("alertId", "not-responsible", "预警 " + alert.alertId() + " 所涉事项 "
                            + alert.itemId() + " 不由" + (department == null ? "账号 " + who.user() + " 所在部门"
                                    : " " + department + " ")
                            + "牵头或配合，只有牵头单位、配合单位可以反馈落实情况")));
        }
    }

    /** The leader who was alerted is told, in his inbox, by whoever holds his position today. */
    private void tellLeader(Alert alert, AlertFeedback entry) {
        String position = alert.alertedLeader();
        if (position == null) {
            return;
        }
        Optional<Holder> holder = directory.holderOn(position, LocalDate.now(clock));
        if (holder.isEmpty()) {
            log.info("Feedback {} on alert {}: {} is vacant, nobody is told", entry.feedbackId(), alert.alertId(),
                    position);
            return;
        }
        outbox.enqueue(NotificationText.feedback(alert, entry, position, holder.get(), props));
    }

    private String byName(Reporter reporter) {
        String fallback = reporter.department() != null ? reporter.department() : reporter.login();
        return reporter.identity() == null ? fallback : names.nameOf(reporter.identity(), fallback);
    }

    private static Optional<AlertFeedback> entry(Alert alert, String feedbackId) {
        return alert.feedback() == null ? Optional.empty()
                : alert.feedback().stream().filter(f -> feedbackId.equals(f.feedbackId())).findFirst();
    }

    private static InvalidRequestException full(String alertId) {
        return new InvalidRequestException(HttpStatus.CONFLICT, Problems.CONFLICT, "反馈条数已达上限",
                List.of(new FieldProblem("alertId", "feedback-limit", "预警 " + alertId + " 已有 "
                        + AlertFeedback.MAX_ENTRIES + " 条反馈，不能再添加；如有新进展请通过进度填报报送")));
    }

    private static String trimmed(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
