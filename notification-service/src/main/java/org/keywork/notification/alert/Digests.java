package org.keywork.notification.alert;

import org.keywork.support.jobs.ClusterJobs;
import org.keywork.support.store.DueMarker;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bson.Document;
import org.keywork.notification.directory.Directory;
import org.keywork.notification.directory.Holder;
import org.keywork.notification.outbound.OutgoingMessage;
import org.keywork.notification.outbound.Outbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Turns what recipients are still to be told ({@link PendingDigest}s on the alerts) into one digest per position
 * and holder, once the oldest of it has waited the grouping window ({@code keywork.notification.digest-window}, real
 * time), so that ten items slipping in one night are one message, not ten.
 *
 * <h2>Decisions</h2>
 * <ul>
 * <li><b>Crash-safe.</b> The pending entries are written with the change they announce; an entry is removed only
 * after the digest was handed to the {@link Outbox}. A crash in between sends the digest again under the same
 * message id (derived from the entries), which the outbox ignores, as long as nothing new joined the group.</li>
 * <li><b>The holder on the day of sending</b> receives it (a handover in the window reaches the successor). A
 * position nobody holds, or that the directory does not know, is told nothing: its alerts stay in the inbox.</li>
 * <li><b>A resolution is said once</b>, in the next digest; an alert raised and resolved within one window appears
 * once, as resolved.</li>
 * </ul>
 */
@Component
class Digests implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(Digests.class);

    private final MongoTemplate mongo;
    private final Directory directory;
    private final Outbox outbox;
    private final AlertingProperties props;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Clock realClock = Clock.systemUTC();
    private final AtomicBoolean busy = new AtomicBoolean();
    private final ClusterJobs jobs;
    /**
     * No tick reads the pending alerts before this (real time): the earliest moment a digest read last time falls
     * due, or a recheck within half a window. An entry that arrives meanwhile (here or at another instance) is due a
     * whole window after it arrived, so the recheck sees it in time; idle, the flusher reads the alerts every 30 s at
     * most instead of every tick (after a month end that was a thousand alerts read and converted each second).
     */
    private volatile Instant nextFlush = Instant.MIN;
    private static final Duration MAX_RECHECK = Duration.ofSeconds(30);
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "alert-digests");
        thread.setDaemon(true);
        return thread;
    });

    Digests(MongoTemplate mongo, Directory directory, Outbox outbox, AlertingProperties props, Clock clock,
            MeterRegistry meters, ClusterJobs jobs) {
        this.jobs = jobs;
        this.mongo = mongo;
        this.directory = directory;
        this.outbox = outbox;
        this.props = props;
        this.clock = clock;
        this.meters = meters;
    }

    /**
     * Starts a flush on the digest thread unless one is running. The flush runs on a daemon thread of its own, as
     * the outbox relay does, so that a flush waiting for an unreachable database holds up neither the shared
     * scheduler nor the shutdown.
     */
    @Scheduled(fixedDelayString = "${keywork.notification.digest-tick:1s}",
            initialDelayString = "${keywork.notification.digest-tick:1s}")
    void tick() {
        if (realClock.instant().isBefore(nextFlush)) {
            return; // nothing is due before then (see flush)
        }
        if (!busy.compareAndSet(false, true)) {
            return;
        }
        try {
            worker.execute(() -> {
                try {
                    // once per cluster: another instance flushing now sends what is due
                    jobs.runOnce("notification-digests", ClusterJobs.Lease.atMost(Duration.ofMinutes(5)), this::flush);
                } catch (RuntimeException e) {
                    log.warn("Digest flush failed (will retry on the next tick): {}", e.toString());
                } finally {
                    busy.set(false);
                }
            });
        } catch (RejectedExecutionException closing) {
            busy.set(false);
        }
    }

    @Override
    public void destroy() {
        worker.shutdownNow();
    }

    private record Key(String position, String personId) {
    }

    /** Sends every digest whose window has passed; returns how many. */
    synchronized int flush() {
        Instant now = realClock.instant();
        LocalDate today = LocalDate.now(clock);
        Map<String, Optional<Holder>> holders = new HashMap<>();
        Map<Key, Holder> people = new HashMap<>();
        Map<Key, Map<String, NotificationText.DigestLine>> groups = new LinkedHashMap<>();
        // one look at the index first: is any alert's oldest entry a whole window old? Mostly not, and then
        // nothing is read (after a month end that was 10,000 alerts read and converted at every recheck)
        Query anyDue = Query.query(Criteria.where(Alert.DIGEST_PENDING)
                .regex("^" + DueMarker.notAfter(DueMarker.millisKey(now.minus(props.digestWindow())))));
        if (!mongo.exists(anyDue, Alert.class)) {
            nextFlush = now.plus(recheck());
            return 0;
        }
        Query pending = Query.query(Criteria.where(Alert.DIGEST_PENDING).regex("^"));
        Map<String, String> marks = new HashMap<>();
        List<Alert> withEntries = mongo.find(pending, Document.class, Alert.COLLECTION).stream().map(document -> {
            Alert alert = mongo.getConverter().read(Alert.class, document);
            marks.put(alert.alertId(), document.getString(Alert.DIGEST_PENDING));
            return alert;
        }).toList();
        Map<String, Integer> left = new HashMap<>();
        withEntries.forEach(alert -> left.put(alert.alertId(),
                alert.pendingDigests() == null ? 0 : alert.pendingDigests().size()));
        for (Alert alert : withEntries) {
            for (PendingDigest entry : alert.pendingDigests() == null ? List.<PendingDigest>of()
                    : alert.pendingDigests()) {
                Optional<Holder> holder = holders.computeIfAbsent(entry.position(),
                        p -> directory.holderOn(p, today));
                if (holder.isEmpty()) {
                    log.debug("Nobody holds {} on {}: alert {} stays in the inbox only", entry.position(), today,
                            alert.alertId());
                    done(alert.alertId(), entry);
                    left.merge(alert.alertId(), -1, Integer::sum);
                    continue;
                }
                Key key = new Key(entry.position(), holder.get().personId());
                people.put(key, holder.get());
                groups.computeIfAbsent(key, k -> new LinkedHashMap<>())
                        .computeIfAbsent(alert.alertId(), id -> new NotificationText.DigestLine(alert, new ArrayList<>()))
                        .entries().add(entry);
            }
        }
        int sent = 0;
        Instant next = now.plus(recheck());
        for (Map.Entry<Key, Map<String, NotificationText.DigestLine>> group : groups.entrySet()) {
            List<NotificationText.DigestLine> lines = new ArrayList<>(group.getValue().values());
            Instant oldest = lines.stream().flatMap(l -> l.entries().stream()).map(PendingDigest::since)
                    .min(Comparator.naturalOrder()).orElse(now);
            Instant due = oldest.plus(props.digestWindow());
            if (due.isAfter(now)) {
                next = due.isBefore(next) ? due : next;
                continue;
            }
            lines.sort(Comparator.comparing((NotificationText.DigestLine l) -> l.alert().itemId())
                    .thenComparing(l -> l.alert().alertId()));
            OutgoingMessage message = NotificationText.digest(group.getKey().position(), people.get(group.getKey()),
                    lines, props, clock.getZone(), now);
            outbox.enqueue(message);
            lines.forEach(line -> line.entries().forEach(entry -> {
                done(line.alert().alertId(), entry);
                left.merge(line.alert().alertId(), -1, Integer::sum);
            }));
            meters.counter(Alerts.METER, "outcome", "digest-sent").increment();
            log.info("Digest {} to {} ({}): {} alert(s)", message.messageId(), message.personId(),
                    message.position(), lines.size());
            sent++;
        }
        nextFlush = next;
        // an alert whose entries are all sent leaves the pending marks, unless an entry came since it was read
        for (Alert alert : withEntries) {
            if (left.get(alert.alertId()) == 0) {
                mongo.updateFirst(Query.query(Criteria.where(Alert.DIGEST_PENDING).is(marks.get(alert.alertId()))),
                        new Update().unset(Alert.DIGEST_PENDING), Alert.class);
            }
        }
        return sent;
    }

    /** Half a digest window, at most 30 s: how long the flusher may go without reading the pending alerts. */
    private Duration recheck() {
        Duration half = props.digestWindow().dividedBy(2);
        return half.compareTo(MAX_RECHECK) < 0 ? half : MAX_RECHECK;
    }

    /** The entry is sent: off the alert. */
    private void done(String alertId, PendingDigest entry) {
        mongo.updateFirst(Query.query(Criteria.where("_id").is(alertId)),
                new Update().pull("pendingDigests", new Document("entryId", entry.entryId())), Alert.class);
    }
}
