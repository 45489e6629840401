package org.keywork.notification.alert;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.keywork.events.AlertRaised;
import org.keywork.events.EventEnvelope;
import org.keywork.events.IndicatorStatusChanged;
import org.keywork.events.MilestoneStatusChanged;
import org.keywork.events.ReportMissing;
import org.keywork.events.Responsibility;
import org.keywork.events.TargetKind;
import org.keywork.events.Topics;
import org.keywork.events.TrackingStatus;
import org.keywork.support.events.EventCodec;
import org.keywork.support.events.OutboxRelay;
import org.keywork.support.events.PoisonEventException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/**
 * Raises, resolves and acknowledges alerts. Every change is one atomic write on one document, and each is
 * idempotent: raising an alert that exists, resolving a resolved one or acknowledging it twice changes nothing.
 */
@Service
class Alerts {

    static final String METER = "keywork.alerts";

    private static final Logger log = LoggerFactory.getLogger(Alerts.class);

    private final MongoTemplate mongo;
    private final EventCodec codec;
    private final OutboxRelay relay;
    private final Clock clock;
    private final MeterRegistry meters;

    Alerts(MongoTemplate mongo, EventCodec codec, OutboxRelay relay, Clock clock, MeterRegistry meters) {
        this.mongo = mongo;
        this.codec = codec;
        this.relay = relay;
        this.clock = clock;
        this.meters = meters;
    }

    /**
     * Judges one indicator status change: RED raises an alert, a recovery resolves the indicator's unresolved
     * alerts.
     */
    void apply(EventEnvelope<IndicatorStatusChanged> envelope) {
        IndicatorStatusChanged event = envelope.payload();
        if (event.current() == null || blank(event.itemId()) || blank(event.indicatorId())) {
            throw new PoisonEventException("indicator status event " + envelope.eventId()
                    + " names no item, indicator or current status");
        }
        switch (event.current()) {
            case RED -> raise(event, envelope.eventId());
            case GREEN, YELLOW, DONE -> resolve(event);
            case NOT_STARTED -> log.debug("{} is not started: nothing to alert", event.indicatorId());
        }
    }

    /**
     * Judges one milestone status change: RED or YELLOW raises an alert for the responsible leader (one per
     * milestone, rule and period), GREEN or DONE resolves the milestone's unresolved alerts.
     */
    void applyMilestone(EventEnvelope<MilestoneStatusChanged> envelope) {
        MilestoneStatusChanged event = envelope.payload();
        if (event.current() == null || blank(event.itemId()) || blank(event.milestoneId())) {
            throw new PoisonEventException("milestone status event " + envelope.eventId()
                    + " names no item, milestone or current status");
        }
        switch (event.current()) {
            case RED, YELLOW -> raise(event, envelope.eventId());
            case GREEN, DONE -> resolve(event);
            case NOT_STARTED -> log.debug("{} is not started: nothing to alert", event.milestoneId());
        }
    }

    /**
     * Reminds the lead department of a report that did not arrive: one alert per (target, period), addressed to
     * the lead department (its {@code recipientPosition}), severity YELLOW, rule {@value Alert#REPORT_MISSING}.
     * Such an alert stays open until acknowledged: resolution of missing-report alerts comes with the reporting
     * issue, and neither an indicator's nor a milestone's recovery resolves it.
     */
    void applyReportMissing(EventEnvelope<ReportMissing> envelope) {
        ReportMissing event = envelope.payload();
        if (blank(event.itemId()) || blank(event.targetId()) || blank(event.period())) {
            throw new PoisonEventException("missing-report event " + envelope.eventId()
                    + " names no item, target or period, so its alert cannot be told apart from others");
        }
        raise(toAlert(event, envelope.eventId()), event.targetId());
    }

    /** Stores the alert with its event in one insert; returns false when it was raised before. */
    boolean raise(IndicatorStatusChanged event, UUID sourceEventId) {
        if (blank(event.rule()) || blank(event.period())) {
            throw new PoisonEventException("RED status of " + event.indicatorId()
                    + " names no rule or period, so its alert cannot be told apart from others");
        }
        return raise(toAlert(event, sourceEventId), event.indicatorId());
    }

    /** Stores the milestone's alert with its event in one insert; returns false when it was raised before. */
    boolean raise(MilestoneStatusChanged event, UUID sourceEventId) {
        if (blank(event.rule()) || blank(event.period())) {
            throw new PoisonEventException(event.current() + " status of " + event.milestoneId()
                    + " names no rule or period, so its alert cannot be told apart from others");
        }
        return raise(toAlert(event, sourceEventId), event.milestoneId());
    }

    private boolean raise(Alert alert, String targetId) {
        try {
            mongo.insert(alert);
        } catch (DuplicateKeyException raisedBefore) {
            meters.counter(METER, "outcome", "duplicate").increment();
            log.info("Alert {} for {} {} {} exists already; nothing changes", alert.alertId(), targetId,
                    alert.rule(), alert.period());
            return false;
        }
        meters.counter(METER, "outcome", "raised").increment();
        log.info("Raised alert {} for {} ({} {}) to {}", alert.alertId(), targetId, alert.rule(), alert.period(),
                alert.recipientPosition());
        relay.publishSoon(Alert.COLLECTION, alert.alertId());
        return true;
    }

    /**
     * Marks the indicator's open and acknowledged alerts resolved (not its missing-report reminders); returns how
     * many changed.
     */
    long resolve(IndicatorStatusChanged event) {
        Criteria unresolved = unresolved(event.planYear(), event.indicatorId()).and("rule").ne(Alert.REPORT_MISSING);
        return resolve(unresolved, AlertText.resolvedReason(event), event.indicatorId(), event.current());
    }

    /** Marks the milestone's open and acknowledged alerts resolved; returns how many changed. */
    long resolve(MilestoneStatusChanged event) {
        Criteria unresolved = unresolved(event.planYear(), event.milestoneId()).and("targetKind")
                .is(TargetKind.MILESTONE);
        return resolve(unresolved, AlertText.resolvedReason(event), event.milestoneId(), event.current());
    }

    private static Criteria unresolved(int planYear, String targetId) {
        return Criteria.where("planYear").is(planYear).and("targetId").is(targetId)
                .and("status").in(AlertStatus.OPEN, AlertStatus.ACKNOWLEDGED);
    }

    private long resolve(Criteria unresolved, String reason, String targetId, TrackingStatus now) {
        Update resolved = new Update()
                .set("status", AlertStatus.RESOLVED)
                .set("resolvedAt", now())
                .set("resolvedReason", reason);
        long changed = mongo.updateMulti(Query.query(unresolved), resolved, Alert.class).getModifiedCount();
        if (changed > 0) {
            meters.counter(METER, "outcome", "resolved").increment(changed);
            log.info("Resolved {} alert(s) of {}: now {}", changed, targetId, now);
        }
        return changed;
    }

    /**
     * Records that the recipient saw the alert. The first acknowledgement stays: a second one changes nothing.
     * An open alert becomes ACKNOWLEDGED; a resolved one keeps its status and only records the acknowledgement.
     *
     * @return the alert after the acknowledgement, or empty when there is no such alert
     */
    Optional<Alert> acknowledge(String alertId, String by, String note) {
        Instant at = now();
        Criteria notYetAcknowledged = Criteria.where("alertId").is(alertId).and("acknowledgedAt").is(null);
        long changed = mongo.updateFirst(Query.query(notYetAcknowledged.and("status").is(AlertStatus.OPEN)),
                acknowledgement(at, by, note).set("status", AlertStatus.ACKNOWLEDGED), Alert.class)
                .getModifiedCount();
        if (changed == 0) {
            // resolved before it was seen: record the acknowledgement, keep RESOLVED
            changed = mongo.updateFirst(
                    Query.query(Criteria.where("alertId").is(alertId).and("acknowledgedAt").is(null)),
                    acknowledgement(at, by, note), Alert.class).getModifiedCount();
        }
        if (changed > 0) {
            meters.counter(METER, "outcome", "acknowledged").increment();
        }
        return find(alertId);
    }

    private static Update acknowledgement(Instant at, String by, String note) {
        return new Update().set("acknowledgedAt", at).set("acknowledgedBy", trimmed(by)).set("ackNote", trimmed(note));
    }

    Optional<Alert> find(String alertId) {
        return Optional.ofNullable(mongo.findById(alertId, Alert.class));
    }

    /** Alerts matching every given filter (null: any), newest first, at most {@code limit}. */
    List<Alert> list(String recipientPosition, AlertStatus status, String itemId, Integer planYear, int limit) {
        List<Criteria> filters = new ArrayList<>();
        if (recipientPosition != null) {
            filters.add(Criteria.where("recipientPosition").is(recipientPosition));
        }
        if (status != null) {
            filters.add(Criteria.where("status").is(status));
        }
        if (itemId != null) {
            filters.add(Criteria.where("itemId").is(itemId));
        }
        if (planYear != null) {
            filters.add(Criteria.where("planYear").is(planYear));
        }
        Query query = filters.isEmpty() ? new Query() : Query.query(new Criteria().andOperator(filters));
        query.with(Sort.by(Sort.Order.desc("raisedAt"), Sort.Order.desc("asOf"), Sort.Order.asc("alertId")))
                .limit(limit);
        return mongo.find(query, Alert.class);
    }

    private Alert toAlert(IndicatorStatusChanged event, UUID sourceEventId) {
        String alertId = Alert.id(event.planYear(), event.indicatorId(), event.rule(), event.period());
        Responsibility duty = duty(event.responsibility());
        String title = AlertText.title(event);
        String message = AlertText.message(event);
        Instant raisedAt = now();
        AlertRaised raised = new AlertRaised(alertId, event.planYear(), event.itemId(), event.indicatorId(),
                event.rule(), event.period(), TrackingStatus.RED, duty.leaderPosition(), title, message, raisedAt);
        return new Alert(alertId, event.planYear(), event.itemId(), event.itemTitle(), event.indicatorId(),
                event.indicatorName(), event.rule(), event.period(), TrackingStatus.RED, event.target(), event.unit(),
                event.actual(), event.expected(), event.shortfallPoints(), event.asOf(), duty.leaderPosition(),
                duty.leadDepartment(), duty.cooperatingDepartments(), title, message, AlertStatus.OPEN, raisedAt,
                null, null, null, null, null, sourceEventId.toString(),
                List.of(codec.outboxEntry(Topics.ALERTS, Alert.raisedEventId(alertId), raised)),
                TargetKind.INDICATOR, event.indicatorName(), null, null, null, null, null);
    }

    private Alert toAlert(MilestoneStatusChanged event, UUID sourceEventId) {
        String alertId = Alert.id(event.planYear(), event.milestoneId(), event.rule(), event.period());
        Responsibility duty = duty(event.responsibility());
        String title = AlertText.title(event);
        String message = AlertText.message(event);
        Instant raisedAt = now();
        AlertRaised raised = new AlertRaised(alertId, event.planYear(), event.itemId(), event.milestoneId(),
                event.rule(), event.period(), event.current(), duty.leaderPosition(), title, message, raisedAt);
        return new Alert(alertId, event.planYear(), event.itemId(), event.itemTitle(), event.milestoneId(),
                null, event.rule(), event.period(), event.current(), null, null, null, null, null, event.asOf(),
                duty.leaderPosition(), duty.leadDepartment(), duty.cooperatingDepartments(), title, message,
                AlertStatus.OPEN, raisedAt, null, null, null, null, null, sourceEventId.toString(),
                List.of(codec.outboxEntry(Topics.ALERTS, Alert.raisedEventId(alertId), raised)),
                TargetKind.MILESTONE, event.milestoneName(), event.milestoneType(), event.plannedDate(),
                event.forecastDate(), null, null);
    }

    /** The reminder goes to the lead department; the leader is named in its message. */
    private Alert toAlert(ReportMissing event, UUID sourceEventId) {
        String alertId = Alert.id(event.planYear(), event.targetId(), Alert.REPORT_MISSING, event.period());
        Responsibility duty = duty(event.responsibility());
        String title = AlertText.title(event);
        String message = AlertText.message(event);
        Instant raisedAt = now();
        AlertRaised raised = new AlertRaised(alertId, event.planYear(), event.itemId(), event.targetId(),
                Alert.REPORT_MISSING, event.period(), TrackingStatus.YELLOW, duty.leadDepartment(), title, message,
                raisedAt);
        return new Alert(alertId, event.planYear(), event.itemId(), event.itemTitle(), event.targetId(),
                null, Alert.REPORT_MISSING, event.period(), TrackingStatus.YELLOW, null, null, null, null, null,
                event.deadline(), duty.leadDepartment(), duty.leadDepartment(), duty.cooperatingDepartments(), title,
                message, AlertStatus.OPEN, raisedAt, null, null, null, null, null, sourceEventId.toString(),
                List.of(codec.outboxEntry(Topics.ALERTS, Alert.raisedEventId(alertId), raised)),
                null, event.targetName(), null, null, null, event.deadline(), event.lastReportAsOf());
    }

    private static Responsibility duty(Responsibility responsibility) {
        return responsibility != null ? responsibility : new Responsibility(null, null, List.of());
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static String trimmed(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
