package org.keywork.notification.alert;

import java.time.Duration;
import org.keywork.support.jobs.ClusterJobs;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.keywork.events.AlertEscalated;
import org.keywork.events.Topics;
import org.keywork.notification.calendar.BusinessCalendar;
import org.keywork.notification.directory.Directory;
import org.keywork.notification.directory.Holder;
import org.keywork.notification.outbound.Outbox;
import org.keywork.support.clock.BusinessClockChanged;
import org.keywork.support.events.EventCodec;
import org.keywork.support.events.EventOutbox;
import org.keywork.support.store.DueMarker;
import org.keywork.support.events.OutboxRelay;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The escalation ladder: an alert nobody acknowledges climbs, on business days of the government calendar, from
 * the lead department to the responsible leader to the district head (by default after 0, 2 and 5 business days;
 * {@code keywork.notification.escalation.steps}), and the holder of the rung reached is reminded every
 * {@code repeat-every-business-days} until someone acknowledges. Judged on the business clock.
 *
 * <p>Runs on {@code keywork.notification.escalation.sweep-cron} (real time), whenever the simulated clock is set
 * ({@link BusinessClockChanged}), and on {@code POST /api/admin/escalations/sweep}.
 *
 * <h2>Decisions</h2>
 * <ul>
 * <li><b>Each step once.</b> A step is recorded on the alert by a conditional update (the alert is still OPEN and
 * has no record of that step) together with its {@code AlertEscalated} event; only the sweep that wins the update
 * sends the message. The message goes to whoever holds the step's position <em>on the day of the step</em>: after a
 * handover the successor is escalated to.</li>
 * <li><b>Crash-safe.</b> The step's message is marked sent ({@code notifiedSteps}) only after the outbox took it;
 * a step recorded but not marked is sent again by the next sweep under the same message id, which the outbox
 * ignores.</li>
 * <li><b>The first rung (0 business days) sends nothing of its own:</b> the lead department learnt of the alert in
 * its digest; the rung is recorded (and announced as an event) so that reminders count from it.</li>
 * <li><b>Jumps.</b> When the clock jumps over several rungs, every due rung is taken, in order, in one sweep; no
 * reminder is sent by a sweep that took a rung. Reminders are due at the business days
 * {@code rung date + k × repeat}; only the latest due one is sent.</li>
 * <li>An acknowledged or resolved alert never escalates or reminds again. Alerts stored before the ladder existed
 * (no {@code recipients}) do not climb it: they would all reach the district head on the first sweep.</li>
 * </ul>
 */
@Component
class Escalations {

    private static final Logger log = LoggerFactory.getLogger(Escalations.class);
    /** Alerts read per round of a sweep. */
    static final int BATCH = 500;

    private final MongoTemplate mongo;
    private final EventCodec codec;
    private final OutboxRelay relay;
    private final Clock clock;
    private final Directory directory;
    private final BusinessCalendar calendar;
    private final Outbox outbox;
    private final AlertingProperties props;
    private final MeterRegistry meters;
    private final ClusterJobs jobs;

    Escalations(MongoTemplate mongo, EventCodec codec, OutboxRelay relay, Clock clock, Directory directory,
            BusinessCalendar calendar, Outbox outbox, AlertingProperties props, MeterRegistry meters,
            ClusterJobs jobs) {
        this.jobs = jobs;
        this.mongo = mongo;
        this.codec = codec;
        this.relay = relay;
        this.clock = clock;
        this.directory = directory;
        this.calendar = calendar;
        this.outbox = outbox;
        this.props = props;
        this.meters = meters;
    }

    /** What one sweep did; {@code openAlerts} counts the alerts it read (those due a look). */
    record Summary(LocalDate businessDate, String trigger, int openAlerts, int steps, int reminders) {
    }

    @Scheduled(cron = "${keywork.notification.escalation.sweep-cron:0 */15 * * * *}",
            zone = "${keywork.clock.zone:Asia/Shanghai}")
    void scheduled() {
        // once per cluster; held at least a minute, so an instance whose timer fires a moment later skips the tick
        jobs.runOnce("notification-escalations", new ClusterJobs.Lease(Duration.ofMinutes(1), Duration.ofMinutes(30)),
                () -> sweep("schedule"));
    }

    @EventListener(BusinessClockChanged.class)
    void clockChanged(BusinessClockChanged changed) {
        sweep("business clock set to " + changed.businessTime());
    }

    /**
     * Escalates and reminds every open alert due a look as of today's business date; safe to run concurrently.
     *
     * <p>Only due alerts are read: each open alert carries the day of its next look ({@value Alert#ESCALATION_CHECK},
     * a {@link DueMarker} under a unique sparse index), set when it is raised and moved to the next business day
     * whenever a sweep looked at it (rungs and reminders count in business days, so nothing can fall due in between);
     * acknowledging or resolving an alert removes it. The sweep goes through the due ones in batches.
     */
    Summary sweep(String trigger) {
        LocalDate today = LocalDate.now(clock);
        LocalDate nextLook = calendar.plusBusinessDays(today, 1);
        int looked = 0;
        int steps = 0;
        int reminders = 0;
        List<Due> due;
        Set<String> seen = new HashSet<>();
        // one alert at a time: side by side (Lanes) the sweep measured no faster (10,000 month-end alerts, all
        // climbing to the same district head: 109-122 s in lanes, 97-145 s one at a time)
        while (!(due = dueBy(today)).isEmpty()) {
            boolean progress = false;
            for (Due look : due) {
                Alert alert = look.alert();
                if (!seen.add(alert.alertId())) {
                    continue; // looked at in this sweep already; its mark could not be moved (a concurrent change)
                }
                progress = true;
                looked++;
                if (alert.status() == AlertStatus.OPEN) {
                    int taken = climb(alert, today);
                    steps += taken;
                    if (taken == 0 && remind(alert, today)) {
                        reminders++;
                    }
                }
                lookAgainOn(alert, look.mark(), nextLook);
            }
            if (!progress) {
                break;
            }
        }
        meters.counter(Alerts.METER, "outcome", "escalated").increment(steps);
        meters.counter(Alerts.METER, "outcome", "reminded").increment(reminders);
        if (steps > 0 || reminders > 0) {
            log.info("Escalation sweep for {} ({}): {} alerts due a look, {} steps taken, {} reminders", today,
                    trigger, looked, steps, reminders);
        }
        return new Summary(today, trigger, looked, steps, reminders);
    }

    /** A batch of alerts whose next look is due by {@code day}: read through the marks' index alone. */
    private List<Due> dueBy(LocalDate day) {
        Query due = Query.query(Criteria.where(Alert.ESCALATION_CHECK).regex(DueMarker.dueBy(day))).limit(BATCH);
        return mongo.find(due, org.bson.Document.class, Alert.COLLECTION).stream()
                .map(document -> new Due(mongo.getConverter().read(Alert.class, document),
                        document.getString(Alert.ESCALATION_CHECK)))
                .toList();
    }

    /** An alert due a look, with its mark as read. */
    private record Due(Alert alert, String mark) {
    }

    /**
     * Moves an open alert's next look to {@code day}; an alert no longer open is no longer looked at. The update
     * names the mark as it was read (a lookup served by its index): if the alert was acknowledged or resolved since,
     * the mark is gone and nothing changes.
     */
    private void lookAgainOn(Alert alert, String markRead, LocalDate day) {
        Query unchanged = Query.query(Criteria.where(Alert.ESCALATION_CHECK).is(markRead));
        Update next = alert.status() == AlertStatus.OPEN
                ? new Update().set(Alert.ESCALATION_CHECK, DueMarker.mark(day, alert.alertId()))
                : new Update().unset(Alert.ESCALATION_CHECK);
        mongo.updateFirst(unchanged, next, Alert.class);
    }

    private int climb(Alert alert, LocalDate today) {
        if (alert.raisedAt() == null || alert.recipients() == null) {
            return 0; // stored before the ladder existed: it would jump to the top at once; it stays in the inbox
        }
        List<Escalation> recorded = alert.escalations() == null ? List.of() : alert.escalations();
        Set<Integer> notified = new HashSet<>(alert.notifiedSteps() == null ? List.of() : alert.notifiedSteps());
        for (Escalation step : recorded) {
            if (!notified.contains(step.step())) {
                // recorded by a sweep that did not get to send it (a crash): send it again, same message id
                notify(alert, step);
            }
        }
        Set<Integer> taken = new HashSet<>();
        recorded.forEach(e -> taken.add(e.step()));
        LocalDate raisedOn = LocalDate.ofInstant(alert.raisedAt(), clock.getZone());
        List<AlertingProperties.Step> ladder = props.escalation().steps();
        int applied = 0;
        for (int i = 0; i < ladder.size(); i++) {
            AlertingProperties.Step rung = ladder.get(i);
            if (calendar.plusBusinessDays(raisedOn, rung.afterBusinessDays()).isAfter(today)) {
                break;
            }
            if (taken.contains(i)) {
                continue;
            }
            String position = positionFor(rung.role(), alert);
            Optional<Holder> holder = position == null ? Optional.empty() : directory.holderOn(position, today);
            Escalation step = new Escalation(i, rung.role(), position, holder.map(Holder::personId).orElse(null),
                    holder.map(Holder::name).orElse(null), clock.instant().truncatedTo(ChronoUnit.MILLIS), today);
            AlertEscalated event = new AlertEscalated(alert.alertId(), alert.planYear(), alert.itemId(),
                    alert.targetId(), i, rung.role().name(), position, step.personId(), step.at(), today);
            boolean message = rung.afterBusinessDays() > 0 && holder.isPresent();
            Update update = EventOutbox.append(new Update().push("escalations", step), alert.alertId(),
                    codec.outboxEntry(Topics.ALERTS, Alert.escalatedEventId(alert.alertId(), i), event));
            if (!message) {
                update.addToSet("notifiedSteps", i);
            }
            Query notYetTaken = Query.query(Criteria.where("alertId").is(alert.alertId())
                    .and("status").is(AlertStatus.OPEN).and("escalations.step").ne(i));
            if (mongo.updateFirst(notYetTaken, update, Alert.class).getModifiedCount() == 0) {
                continue; // acknowledged meanwhile, or another sweep took it (and sends it)
            }
            applied++;
            relay.publishSoon(Alert.COLLECTION, alert.alertId());
            log.info("Alert {} escalated, step {} ({}): {} held by {}", alert.alertId(), i, rung.role(), position,
                    step.personId());
            if (message) {
                notify(alert, step);
            }
        }
        return applied;
    }

    private void notify(Alert alert, Escalation step) {
        Optional<Holder> holder = step.position() == null ? Optional.empty()
                : directory.holderOn(step.position(), step.businessDate());
        if (holder.isPresent()) {
            LocalDate raisedOn = LocalDate.ofInstant(alert.raisedAt(), clock.getZone());
            outbox.enqueue(NotificationText.escalation(alert, step, holder.get(),
                    calendar.businessDaysBetween(raisedOn, step.businessDate()), props, clock.getZone(),
                    step.at()));
        }
        mongo.updateFirst(Query.query(Criteria.where("alertId").is(alert.alertId())),
                new Update().addToSet("notifiedSteps", step.step()), Alert.class);
    }

    /** Reminds the holder of the rung reached, if a reminder is due since the last one. */
    private boolean remind(Alert alert, LocalDate today) {
        if (alert.raisedAt() == null || alert.escalations() == null || alert.escalations().isEmpty()) {
            return false;
        }
        Escalation current = alert.escalations().stream().max(Comparator.comparingInt(Escalation::step)).get();
        if (current.step() != highestDueRung(alert, today)) {
            return false; // a later rung is due and being taken (by this sweep or a concurrent one): no reminder
        }
        int repeat = props.escalation().repeatEveryBusinessDays();
        int intervals = calendar.businessDaysBetween(current.businessDate(), today) / repeat;
        if (intervals < 1 || current.position() == null) {
            return false;
        }
        LocalDate due = calendar.plusBusinessDays(current.businessDate(), intervals * repeat);
        if (alert.lastRemindedOn() != null && !due.isAfter(alert.lastRemindedOn())) {
            return false;
        }
        Optional<Holder> holder = directory.holderOn(current.position(), today);
        if (holder.isEmpty()) {
            return false;
        }
        outbox.enqueue(NotificationText.reminder(alert, current, holder.get(), due, props, clock.getZone(),
                clock.instant().truncatedTo(ChronoUnit.MILLIS)));
        mongo.updateFirst(Query.query(Criteria.where("alertId").is(alert.alertId()).orOperator(
                Criteria.where("lastRemindedOn").is(null), Criteria.where("lastRemindedOn").lt(due))),
                new Update().set("lastRemindedOn", due), Alert.class);
        log.info("Alert {} still unacknowledged: reminded {} ({}) for {}", alert.alertId(), holder.get().personId(),
                current.position(), due);
        return true;
    }

    /** The index of the last rung due by today, or -1. */
    private int highestDueRung(Alert alert, LocalDate today) {
        LocalDate raisedOn = LocalDate.ofInstant(alert.raisedAt(), clock.getZone());
        List<AlertingProperties.Step> ladder = props.escalation().steps();
        int due = -1;
        for (int i = 0; i < ladder.size(); i++) {
            if (calendar.plusBusinessDays(raisedOn, ladder.get(i).afterBusinessDays()).isAfter(today)) {
                break;
            }
            due = i;
        }
        return due;
    }

    private String positionFor(RecipientRole role, Alert alert) {
        return switch (role) {
            case LEADER -> alert.responsibleLeader();
            case LEAD_DEPARTMENT -> alert.leadDepartment() == null ? null
                    : directory.departmentHead(alert.leadDepartment()).orElse(alert.leadDepartment());
            case DISTRICT_HEAD -> props.escalation().districtHeadPosition();
            case COOPERATING_DEPARTMENT -> null;
        };
    }
}
