package org.keywork.notification.alert;

import static org.keywork.notification.alert.AlertStore.addressedTo;
import static org.keywork.notification.alert.AlertStore.newestFirst;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.keywork.events.AlertAcknowledged;
import org.keywork.events.AlertRaised;
import org.keywork.events.AlertResolved;
import org.keywork.events.EventEnvelope;
import org.keywork.events.IndicatorStatusChanged;
import org.keywork.events.MilestoneStatusChanged;
import org.keywork.events.ProgressReportAccepted;
import org.keywork.events.ReportMissing;
import org.keywork.events.Responsibility;
import org.keywork.events.TargetKind;
import org.keywork.events.Topics;
import org.keywork.events.TrackingStatus;
import org.keywork.notification.directory.Directory;
import org.keywork.notification.directory.PositionKind;
import org.keywork.notification.directory.Term;
import org.keywork.support.events.EventCodec;
import org.keywork.support.events.EventFailedException;
import org.keywork.support.events.EventOutbox;
import org.keywork.support.store.DueMarker;
import org.keywork.support.events.OutboxEntry;
import org.keywork.support.events.OutboxRelay;
import org.keywork.support.events.PoisonEventException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/**
 * Raises, resolves and acknowledges alerts, and answers the inboxes. Every change is one atomic write on one
 * document, and each is idempotent: raising an alert that exists, resolving a resolved one or acknowledging it twice
 * changes nothing. The write carries the change's event (embedded outbox: {@code AlertRaised},
 * {@code AlertResolved}, {@code AlertAcknowledged}) and, for a raise or a resolution, what each recipient is still to
 * be told in a digest ({@link PendingDigest}, sent by {@link Digests}).
 *
 * <p>An alert is addressed to positions ({@link Recipient}), looked up in the {@link Directory} when it is raised:
 * the responsible leader, the lead department's head and liaison, the cooperating departments' positions. Who holds
 * them is decided when a message is sent, so a handover needs no rewrite of alerts.
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
    private final Directory directory;
    private final AlertFeed feed;
    /** Digest windows run on real time, whatever the business clock says. */
    private final Clock realClock = Clock.systemUTC();

    Alerts(MongoTemplate mongo, EventCodec codec, OutboxRelay relay, Clock clock, MeterRegistry meters,
            Directory directory, AlertFeed feed) {
        this.feed = feed;
        this.mongo = mongo;
        this.codec = codec;
        this.relay = relay;
        this.clock = clock;
        this.meters = meters;
        this.directory = directory;
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
     * Such an alert is resolved by a report for the target ({@link #applyProgressReports}); neither an indicator's
     * nor a milestone's recovery resolves it.
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
            org.bson.Document stored = new org.bson.Document();
            mongo.getConverter().write(alert, stored);
            LocalDate raisedOn = LocalDate.ofInstant(alert.raisedAt(), clock.getZone());
            stored.put(Alert.ESCALATION_CHECK, DueMarker.mark(raisedOn, alert.alertId()));
            if (alert.pendingDigests() != null && !alert.pendingDigests().isEmpty()) {
                stored.put(Alert.DIGEST_PENDING, Alert.digestMark(alert.alertId(), alert.pendingDigests()));
            }
            mongo.insert(EventOutbox.mark(stored), Alert.COLLECTION);
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
        feed.changed(alert, AlertFeed.Change.RAISED);
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
        long changed = 0;
        for (Alert alert : mongo.find(Query.query(unresolved), Alert.class)) {
            if (resolveOne(alert, reason)) {
                changed++;
            }
        }
        if (changed > 0) {
            meters.counter(METER, "outcome", "resolved").increment(changed);
            log.info("Resolved {} alert(s) of {}: now {}", changed, targetId, now);
        }
        return changed;
    }

    /**
     * Resolves one alert, if still unresolved, in one write: its status, its {@code AlertResolved} event and the
     * "已恢复正常" entries for the next digest of every recipient.
     */
    private boolean resolveOne(Alert alert, String reason) {
        Instant at = now();
        Instant since = realClock.instant();
        AlertResolved resolved = new AlertResolved(alert.alertId(), alert.planYear(), alert.itemId(), alert.targetId(),
                reason, at);
        Update update = new Update()
                .set("status", AlertStatus.RESOLVED)
                .set("resolvedAt", at)
                .set("resolvedReason", reason)
                .unset(Alert.ESCALATION_CHECK);
        EventOutbox.append(update, alert.alertId(), codec.outboxEntry(Topics.ALERTS, Alert.resolvedEventId(alert.alertId()),
                resolved));
        List<PendingDigest> entries = recipientsOf(alert).stream()
                .map(r -> PendingDigest.of(alert.alertId(), PendingDigest.Kind.RESOLVED, r, since)).toList();
        if (!entries.isEmpty()) {
            // the mark keeps the oldest entry's time: a raise not yet told may wait in the same digest
            List<PendingDigest> pending = new ArrayList<>(
                    alert.pendingDigests() == null ? List.of() : alert.pendingDigests());
            pending.addAll(entries);
            update.push("pendingDigests").each(entries.toArray()).set(Alert.DIGEST_PENDING,
                    Alert.digestMark(alert.alertId(), pending));
        }
        Query stillUnresolved = Query.query(Criteria.where("alertId").is(alert.alertId())
                .and("status").in(AlertStatus.OPEN, AlertStatus.ACKNOWLEDGED));
        if (mongo.updateFirst(stillUnresolved, update, Alert.class).getModifiedCount() == 0) {
            return false;
        }
        relay.publishSoon(Alert.COLLECTION, alert.alertId());
        find(alert.alertId()).ifPresent(after -> feed.changed(after, AlertFeed.Change.RESOLVED));
        return true;
    }

    /**
     * Progress reports arrived: each target's missing-report alerts for periods up to a report's as-of month are
     * settled (a report for September also answers a missing August: it says where the target stands now). A poll's
     * reports are taken target by target, in the order the targets first came: one read of a target's open
     * missing-report alerts for all its reports, each report settling those it answers, in order.
     *
     * @throws EventFailedException naming a report without target or as-of date (poison), once the reports before it
     *         are taken, or the first report of a target whose alerts could not be read or settled
     */
    void applyProgressReports(List<EventEnvelope<ProgressReportAccepted>> envelopes) {
        for (int i = 0; i < envelopes.size(); i++) {
            ProgressReportAccepted report = envelopes.get(i).payload();
            if (blank(report.targetId()) || report.asOf() == null) {
                settle(envelopes.subList(0, i));
                throw new EventFailedException(i, new PoisonEventException("progress report event "
                        + envelopes.get(i).eventId() + " names no target or as-of date"));
            }
        }
        settle(envelopes);
    }

    private void settle(List<EventEnvelope<ProgressReportAccepted>> envelopes) {
        Map<String, List<ProgressReportAccepted>> byTarget = new LinkedHashMap<>();
        Map<String, Integer> firstPosition = new HashMap<>();
        for (int i = 0; i < envelopes.size(); i++) {
            ProgressReportAccepted report = envelopes.get(i).payload();
            String target = report.planYear() + "/" + report.targetId();
            byTarget.computeIfAbsent(target, key -> new ArrayList<>()).add(report);
            firstPosition.putIfAbsent(target, i);
        }
        byTarget.forEach((target, reports) -> {
            try {
                settleTarget(reports);
            } catch (RuntimeException e) {
                throw new EventFailedException(firstPosition.get(target), e);
            }
        });
    }

    /** The reports of one target, in order. */
    private void settleTarget(List<ProgressReportAccepted> reports) {
        ProgressReportAccepted first = reports.get(0);
        Criteria missing = Criteria.where("planYear").is(first.planYear()).and("targetId").is(first.targetId())
                .and("rule").is(Alert.REPORT_MISSING).and("status").in(AlertStatus.OPEN, AlertStatus.ACKNOWLEDGED);
        List<Alert> open = new ArrayList<>(mongo.find(Query.query(missing), Alert.class));
        for (ProgressReportAccepted report : reports) {
            if (open.isEmpty()) {
                return;
            }
            YearMonth reported = YearMonth.from(report.asOf());
            long changed = 0;
            for (java.util.Iterator<Alert> alerts = open.iterator(); alerts.hasNext();) {
                Alert alert = alerts.next();
                YearMonth period = lastMonthOf(alert.period());
                if (period != null && !period.isAfter(reported)) {
                    alerts.remove();
                    if (resolveOne(alert, AlertText.reportArrivedReason(alert.targetId(), alert.period(), report))) {
                        changed++;
                    }
                }
            }
            if (changed > 0) {
                meters.counter(METER, "outcome", "resolved").increment(changed);
                log.info("Resolved {} missing-report alert(s) of {}: report {} as of {}", changed, report.targetId(),
                        report.reportId(), report.asOf());
            }
        }
    }

    /** The last month a period covers: {@code 2021-09}, {@code 2021-Q3} (September), {@code 2021-H1}, {@code 2021}. */
    static YearMonth lastMonthOf(String period) {
        if (period == null) {
            return null;
        }
        String p = period.strip();
        try {
            if (p.matches("\\d{4}-\\d{2}")) {
                return YearMonth.parse(p);
            }
            if (p.matches("\\d{4}-Q[1-4]")) {
                return YearMonth.of(Integer.parseInt(p.substring(0, 4)), 3 * (p.charAt(6) - '0'));
            }
            if (p.matches("\\d{4}-H[12]")) {
                return YearMonth.of(Integer.parseInt(p.substring(0, 4)), 6 * (p.charAt(6) - '0'));
            }
            if (p.matches("\\d{4}")) {
                return YearMonth.of(Integer.parseInt(p), 12);
            }
        } catch (RuntimeException unreadable) {
            return null;
        }
        return null;
    }

    /**
     * Records that the recipient saw the alert. The first acknowledgement stays: a second one changes nothing.
     * An open alert becomes ACKNOWLEDGED; a resolved one keeps its status and only records the acknowledgement.
     *
     * @return the alert after the acknowledgement, or empty when there is no such alert
     */
    Optional<Alert> acknowledge(String alertId, String by, String byName, String note) {
        Optional<Alert> before = find(alertId);
        if (before.isEmpty()) {
            return before;
        }
        Alert alert = before.get();
        Instant at = now();
        OutboxEntry event = codec.outboxEntry(Topics.ALERTS, Alert.acknowledgedEventId(alertId),
                new AlertAcknowledged(alertId, alert.planYear(), alert.itemId(), alert.targetId(), trimmed(by),
                        trimmed(note), at));
        Criteria notYetAcknowledged = Criteria.where("alertId").is(alertId).and("acknowledgedAt").is(null);
        long changed = mongo.updateFirst(Query.query(notYetAcknowledged.and("status").is(AlertStatus.OPEN)),
                acknowledgement(alertId, at, by, byName, note, event).set("status", AlertStatus.ACKNOWLEDGED),
                Alert.class)
                .getModifiedCount();
        if (changed == 0) {
            // resolved before it was seen: record the acknowledgement, keep RESOLVED
            changed = mongo.updateFirst(
                    Query.query(Criteria.where("alertId").is(alertId).and("acknowledgedAt").is(null)),
                    acknowledgement(alertId, at, by, byName, note, event), Alert.class).getModifiedCount();
        }
        if (changed > 0) {
            meters.counter(METER, "outcome", "acknowledged").increment();
            relay.publishSoon(Alert.COLLECTION, alertId);
            Optional<Alert> after = find(alertId);
            after.ifPresent(acknowledged -> feed.changed(acknowledged, AlertFeed.Change.ACKNOWLEDGED));
            return after;
        }
        return find(alertId);
    }

    private static Update acknowledgement(String alertId, Instant at, String by, String byName, String note,
            OutboxEntry event) {
        return EventOutbox.append(new Update().set("acknowledgedAt", at).set("acknowledgedBy", trimmed(by))
                .set("acknowledgedByName", trimmed(byName)).set("ackNote", trimmed(note))
                .unset(Alert.ESCALATION_CHECK), alertId, event);
    }

    Optional<Alert> find(String alertId) {
        return Optional.ofNullable(mongo.findById(alertId, Alert.class));
    }

    /**
     * Alerts matching every given filter (null: any), newest first, at most {@code limit}. A recipient matches any
     * position the alert is addressed to, and a department's name matches the alerts it leads or cooperates on.
     */
    List<Alert> list(String recipientPosition, AlertStatus status, String itemId, Integer planYear, int limit) {
        List<Criteria> filters = filters(status, itemId, planYear);
        if (recipientPosition != null) {
            filters.add(addressedTo(List.of(recipientPosition)));
        }
        return mongo.find(newestFirst(filters).limit(limit), Alert.class);
    }

    /**
     * A person's inbox: the alerts addressed to the positions he held, raised during his term, and those he
     * inherited, i.e. raised before his term and still unsettled (neither acknowledged nor resolved) when he took
     * over; not his predecessor's settled backlog. Whoever holds a supervisor position (督查) sees every alert.
     */
    List<Alert> inbox(String personId, AlertStatus status, String itemId, Integer planYear, int limit) {
        List<Term> terms = directory.termsOf(personId);
        if (terms.isEmpty()) {
            return List.of();
        }
        List<Criteria> filters = filters(status, itemId, planYear);
        List<String> supervisors = directory.positionsOfKind(PositionKind.SUPERVISOR);
        if (terms.stream().anyMatch(t -> supervisors.contains(t.position()))) {
            return mongo.find(newestFirst(filters).limit(limit), Alert.class);
        }
        filters.add(addressedTo(terms.stream().map(Term::position).distinct().toList()));
        ZoneId zone = clock.getZone();
        List<Alert> inbox = new ArrayList<>();
        for (Alert alert : mongo.find(newestFirst(filters), Alert.class)) {
            if (terms.stream().anyMatch(term -> belongs(alert, term, zone))) {
                inbox.add(alert);
                if (inbox.size() == limit) {
                    break;
                }
            }
        }
        return inbox;
    }

    private static boolean belongs(Alert alert, Term term, ZoneId zone) {
        boolean addressed = term.position().equals(alert.recipientPosition()) || recipientsOf(alert).stream()
                .anyMatch(r -> term.position().equals(r.position()));
        if (!addressed || alert.raisedAt() == null) {
            return false;
        }
        Instant start = term.from().atStartOfDay(zone).toInstant();
        Instant end = term.to() == null ? Instant.MAX : term.to().plusDays(1).atStartOfDay(zone).toInstant();
        if (!alert.raisedAt().isBefore(end)) {
            return false;
        }
        if (!alert.raisedAt().isBefore(start)) {
            return true;
        }
        boolean unacknowledgedThen = alert.acknowledgedAt() == null || !alert.acknowledgedAt().isBefore(start);
        boolean unresolvedThen = alert.resolvedAt() == null || !alert.resolvedAt().isBefore(start);
        return unacknowledgedThen && unresolvedThen;
    }

    private static List<Criteria> filters(AlertStatus status, String itemId, Integer planYear) {
        List<Criteria> filters = new ArrayList<>();
        if (status != null) {
            filters.add(Criteria.where("status").is(status));
        }
        if (itemId != null) {
            filters.add(Criteria.where("itemId").is(itemId));
        }
        if (planYear != null) {
            filters.add(Criteria.where("planYear").is(planYear));
        }
        return filters;
    }

    /** The alert's addressees; for an alert stored before recipients existed, its one recipient position. */
    static List<Recipient> recipientsOf(Alert alert) {
        if (alert.recipients() != null) {
            return alert.recipients();
        }
        if (alert.recipientPosition() == null) {
            return List.of();
        }
        return List.of(new Recipient(Alert.REPORT_MISSING.equals(alert.rule()) ? RecipientRole.LEAD_DEPARTMENT
                : RecipientRole.LEADER, alert.recipientPosition()));
    }

    /**
     * Who receives a new alert: the leader, the lead department's positions (head and liaison) and the cooperating
     * departments' positions; a department the directory does not know stays addressed by its name.
     */
    private List<Recipient> recipients(Responsibility duty, boolean leaderToo, boolean cooperatingToo) {
        Map<String, Recipient> recipients = new LinkedHashMap<>();
        if (leaderToo && !blank(duty.leaderPosition())) {
            recipients.put(duty.leaderPosition().strip(),
                    new Recipient(RecipientRole.LEADER, duty.leaderPosition().strip()));
        }
        department(duty.leadDepartment(), RecipientRole.LEAD_DEPARTMENT, recipients);
        if (cooperatingToo && duty.cooperatingDepartments() != null) {
            duty.cooperatingDepartments().forEach(d -> department(d, RecipientRole.COOPERATING_DEPARTMENT, recipients));
        }
        return List.copyOf(recipients.values());
    }

    private void department(String department, RecipientRole role, Map<String, Recipient> recipients) {
        if (blank(department)) {
            return;
        }
        List<String> positions = directory.departmentPositions(department);
        for (String position : positions.isEmpty() ? List.of(department.strip()) : positions) {
            recipients.putIfAbsent(position, new Recipient(role, position));
        }
    }

    private List<PendingDigest> raisedDigests(String alertId, List<Recipient> recipients) {
        Instant since = realClock.instant();
        return recipients.stream().map(r -> PendingDigest.of(alertId, PendingDigest.Kind.RAISED, r, since)).toList();
    }

    private Alert toAlert(IndicatorStatusChanged event, UUID sourceEventId) {
        String alertId = Alert.id(event.planYear(), event.indicatorId(), event.rule(), event.period());
        Responsibility duty = duty(event.responsibility());
        List<Recipient> recipients = recipients(duty, true, true);
        String title = AlertText.title(event);
        String message = AlertText.message(event);
        Instant raisedAt = now();
        AlertRaised raised = new AlertRaised(alertId, event.planYear(), event.itemId(), event.indicatorId(),
                event.rule(), event.period(), event.current(), duty.leaderPosition(), title, message, raisedAt);
        return new Alert(alertId, event.planYear(), event.itemId(), event.itemTitle(), event.indicatorId(),
                event.indicatorName(), event.rule(), event.period(), event.current(), event.target(), event.unit(),
                event.actual(), event.expected(), event.shortfallPoints(), event.asOf(), duty.leaderPosition(),
                duty.leadDepartment(), duty.cooperatingDepartments(), title, message, AlertStatus.OPEN, raisedAt,
                null, null, null, null, null, sourceEventId.toString(),
                List.of(codec.outboxEntry(Topics.ALERTS, Alert.raisedEventId(alertId), raised)),
                TargetKind.INDICATOR, event.indicatorName(), null, null, null, null, null, duty.leaderPosition(),
                recipients, raisedDigests(alertId, recipients), List.of(), List.of(), null);
    }

    private Alert toAlert(MilestoneStatusChanged event, UUID sourceEventId) {
        String alertId = Alert.id(event.planYear(), event.milestoneId(), event.rule(), event.period());
        Responsibility duty = duty(event.responsibility());
        List<Recipient> recipients = recipients(duty, true, true);
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
                event.forecastDate(), null, null, duty.leaderPosition(), recipients,
                raisedDigests(alertId, recipients), List.of(), List.of(), null);
    }

    /** The reminder goes to the lead department; the leader is named in its message. */
    private Alert toAlert(ReportMissing event, UUID sourceEventId) {
        String alertId = Alert.id(event.planYear(), event.targetId(), Alert.REPORT_MISSING, event.period());
        Responsibility duty = duty(event.responsibility());
        List<Recipient> recipients = recipients(duty, false, false);
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
                null, event.targetName(), null, null, null, event.deadline(), event.lastReportAsOf(),
                duty.leaderPosition(), recipients, raisedDigests(alertId, recipients), List.of(), List.of(), null);
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
