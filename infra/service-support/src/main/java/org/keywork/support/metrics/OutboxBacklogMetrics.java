package org.keywork.support.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import org.keywork.support.events.OutboxCollection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoOperations;

/**
 * The outbox backlog of this service's database, per outbox collection: {@value #PENDING} (events not yet
 * published) and {@value #OLDEST_AGE} (seconds since the oldest of them occurred, 0 when none waits).
 *
 * <p>A scrape never reads the store by itself: the figures are read at most once per {@code refresh} (an index count
 * of the documents with a pending marker, then their events' {@code occurredAt} in at most {@code sampleSize} of
 * them) and served from that snapshot until it is older. Past {@code sampleSize} documents each unread one counts as
 * one event and the age is that of the oldest event read: both are lower bounds then, which is enough to see a
 * backlog. Every instance of a service reports the same shared backlog: aggregate with {@code max}, not {@code sum}.
 */
public class OutboxBacklogMetrics implements MeterBinder {

    public static final String PENDING = "keywork.outbox.pending";
    public static final String OLDEST_AGE = "keywork.outbox.oldest.age";

    private static final Logger log = LoggerFactory.getLogger(OutboxBacklogMetrics.class);

    private final MongoOperations mongo;
    private final List<OutboxCollection> collections;
    private final Clock clock;
    private final long refreshNanos;
    private final int sampleSize;
    private final LongSupplier nanoTime;
    private final ReentrantLock refreshing = new ReentrantLock();
    private final Map<String, Figures> figures = new ConcurrentHashMap<>();
    private volatile long readAt;
    private volatile boolean read;

    /**
     * @param clock      the clock events are stamped with (the business clock), for their age
     * @param refresh    how long one reading of the store is served
     * @param sampleSize documents read per collection for the event count and the oldest event
     */
    public OutboxBacklogMetrics(MongoOperations mongo, List<OutboxCollection> collections, Clock clock,
            Duration refresh, int sampleSize) {
        this(mongo, collections, clock, refresh, sampleSize, System::nanoTime);
    }

    OutboxBacklogMetrics(MongoOperations mongo, List<OutboxCollection> collections, Clock clock, Duration refresh,
            int sampleSize, LongSupplier nanoTime) {
        this.mongo = mongo;
        this.collections = collections.stream().distinct().toList();
        this.clock = clock;
        this.refreshNanos = refresh.toNanos();
        this.sampleSize = sampleSize;
        this.nanoTime = nanoTime;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (OutboxCollection collection : collections) {
            String name = collection.name();
            Gauge.builder(PENDING, this, metrics -> metrics.current(name).events())
                    .description("Events in the outbox not yet published to Kafka")
                    .tag("collection", name)
                    // the registry keeps the binder: a gauge's weak reference alone would read NaN after a GC
                    .strongReference(true)
                    .register(registry);
            Gauge.builder(OLDEST_AGE, this, metrics -> metrics.current(name).oldestAgeSeconds())
                    .description("Age of the oldest event in the outbox not yet published")
                    .baseUnit("seconds")
                    .tag("collection", name)
                    .strongReference(true)
                    .register(registry);
        }
    }

    /** The collection's figures, read again first if the snapshot is older than the refresh interval. */
    Figures current(String collection) {
        if (!read || nanoTime.getAsLong() - readAt >= refreshNanos) {
            refresh();
        }
        return figures.getOrDefault(collection, Figures.NONE);
    }

    /** One reading at a time; a scrape that arrives meanwhile is served the previous figures. */
    private void refresh() {
        if (!refreshing.tryLock()) {
            return;
        }
        try {
            if (read && nanoTime.getAsLong() - readAt < refreshNanos) {
                return; // another scrape read them just now
            }
            try {
                for (OutboxCollection collection : collections) {
                    figures.put(collection.name(), readFigures(collection));
                }
            } catch (RuntimeException e) {
                // the store is unreachable, say: keep serving the last figures; the service's health shows the cause
                log.warn("Outbox backlog metrics: could not read the outbox collections: {}", e.toString());
            }
            readAt = nanoTime.getAsLong();
            read = true;
        } finally {
            refreshing.unlock();
        }
    }

    private Figures readFigures(OutboxCollection collection) {
        long documents = collection.countPending(mongo);
        if (documents == 0) {
            return Figures.NONE;
        }
        OutboxCollection.Backlog sample = collection.samplePending(mongo, sampleSize);
        long events = sample.events() + Math.max(0, documents - sample.documents());
        double age = sample.oldest() == null ? 0
                : Math.max(0, Duration.between(sample.oldest(), clock.instant()).toMillis() / 1000.0);
        return new Figures(events, age);
    }

    /** One collection's backlog as last read. */
    record Figures(long events, double oldestAgeSeconds) {

        static final Figures NONE = new Figures(0, 0);
    }
}
