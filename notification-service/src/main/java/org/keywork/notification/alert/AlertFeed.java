package org.keywork.notification.alert;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.Set;
import org.keywork.notification.directory.Directory;
import org.keywork.notification.directory.Holder;
import org.keywork.notification.outbound.AlertChange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Tells the inbox streams open on this instance that an alert changed ({@link AlertChange}, sent as the
 * server-sent event {@value AlertChange#EVENT}): raised, acknowledged, reported back on, resolved. Called after the
 * change is stored; a failure here is logged and never undoes or fails the change.
 */
@Component
class AlertFeed {

    private static final Logger log = LoggerFactory.getLogger(AlertFeed.class);

    /** What happened to the alert. */
    enum Change {
        RAISED,
        ACKNOWLEDGED,
        FEEDBACK,
        RESOLVED
    }

    /**
     * The data of one {@code alert} event.
     *
     * @param change what happened
     * @param alertId the alert
     * @param at     when it happened (business clock)
     * @param alert  the alert after the change, as {@code GET /api/alerts/{alertId}} shows it
     */
    record Event(Change change, String alertId, Instant at, AlertView alert) {
    }

    private final ApplicationEventPublisher events;
    private final Directory directory;
    private final Clock clock;

    AlertFeed(ApplicationEventPublisher events, Directory directory, Clock clock) {
        this.events = events;
        this.directory = directory;
        this.clock = clock;
    }

    void changed(Alert alert, Change change) {
        try {
            Set<String> positions = new LinkedHashSet<>();
            Alerts.recipientsOf(alert).forEach(r -> positions.add(r.position()));
            if (alert.recipientPosition() != null) {
                positions.add(alert.recipientPosition());
            }
            Set<String> departments = new LinkedHashSet<>();
            if (alert.leadDepartment() != null) {
                departments.add(alert.leadDepartment());
            }
            if (alert.cooperatingDepartments() != null) {
                departments.addAll(alert.cooperatingDepartments());
            }
            LocalDate today = LocalDate.now(clock);
            Set<String> people = new LinkedHashSet<>();
            positions.forEach(p -> directory.holderOn(p, today).map(Holder::personId).ifPresent(people::add));
            events.publishEvent(new AlertChange(alert.alertId(),
                    new Event(change, alert.alertId(), at(alert, change), AlertView.of(alert)), positions,
                    departments, people));
        } catch (RuntimeException e) {
            log.warn("Could not tell the inbox streams that alert {} was {}: {}", alert.alertId(), change,
                    e.toString());
        }
    }

    private Instant at(Alert alert, Change change) {
        Instant at = switch (change) {
            case RAISED -> alert.raisedAt();
            case ACKNOWLEDGED -> alert.acknowledgedAt();
            case RESOLVED -> alert.resolvedAt();
            case FEEDBACK -> alert.feedback() == null || alert.feedback().isEmpty() ? null
                    : alert.feedback().get(alert.feedback().size() - 1).at();
        };
        return at != null ? at : clock.instant();
    }
}
