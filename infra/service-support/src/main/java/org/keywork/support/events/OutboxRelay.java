package org.keywork.support.events;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.scheduling.annotation.Scheduled;
import org.keywork.support.jobs.ClusterJobs;

/**
 * Publishes the events waiting in documents' embedded outboxes ({@link Outbox}) and removes each one only after the
 * broker acknowledged it ({@code acks=all}).
 *
 * <p>A write calls {@link #publishSoon} right after it is stored; one worker thread per instance takes what is queued
 * in batches: one read for the batch's documents, every event sent asynchronously at once, the acknowledged ones
 * removed in one bulk write. A periodic sweep finds what is still waiting (the broker was down, the queue was full,
 * an instance died between its write and the send) through the pending marker's sparse index: it never reads the
 * documents that have nothing to publish. Delivery is at-least-once: consumers recognise redeliveries by event id.
 * Keys travel as UTF-8 bytes; events of one document are sent in order.
 */
public class OutboxRelay implements SmartLifecycle {

    public static final String EVENT_TYPE_HEADER = "keywork_event_type";
    /** The instance whose change caused the event ({@link OutboxEntry#origin()}), whichever instance publishes it. */
    public static final String ORIGIN_HEADER = "keywork_origin";

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final int QUEUE_CAPACITY = 100_000;

    private final MongoTemplate mongo;
    private final Producer<byte[], byte[]> producer;
    private final TopicProvisioner topics;
    private final MeterRegistry meters;
    private final Clock clock;
    private final List<String> collections;
    private final Settings settings;
    private final ClusterJobs jobs;
    private final BlockingQueue<DocumentRef> queue = new LinkedBlockingQueue<>(QUEUE_CAPACITY);
    private final AtomicBoolean running = new AtomicBoolean();
    private Thread worker;

    /**
     * @param batchSize    documents read and published together
     * @param sweepGrace   the sweep leaves events younger than this to the immediate path
     * @param sendTimeout  how long a batch waits for the broker's acknowledgements before it is retried later
     */
    public record Settings(int batchSize, Duration sweepGrace, Duration sendTimeout) {
    }

    public OutboxRelay(MongoTemplate mongo, Producer<byte[], byte[]> producer, TopicProvisioner topics,
            MeterRegistry meters, Clock clock, List<OutboxCollection> collections, Settings settings,
            ClusterJobs jobs) {
        this.jobs = jobs;
        this.mongo = mongo;
        this.producer = producer;
        this.topics = topics;
        this.meters = meters;
        this.clock = clock;
        this.collections = collections.stream().map(OutboxCollection::name).distinct().toList();
        this.settings = settings;
        meters.gaugeCollectionSize("keywork.outbox.queued", List.of(), queue);
    }

    /** Publishes the pending events of one document soon, in the background, without delaying the caller. */
    public void publishSoon(String collection, Object documentId) {
        if (!queue.offer(new DocumentRef(collection, documentId, false))) {
            // the sweep finds it through its pending marker
            meters.counter("keywork.outbox.queue.overflow").increment();
        }
    }

    /**
     * Queues every document with events older than the grace period, at most one batch per collection: the rest
     * follows on the next sweep. Once per cluster ({@link ClusterJobs}); each instance still publishes its own
     * writes at once ({@link #publishSoon}), and two instances publishing the same event would be harmless.
     */
    @Scheduled(fixedDelayString = "${keywork.outbox.sweep-interval:2s}",
            initialDelayString = "${keywork.outbox.sweep-interval:2s}")
    public void sweep() {
        if (!running.get()) {
            return;
        }
        if (collections.stream().allMatch(collection -> pendingIds(collection, 1).isEmpty())) {
            return; // the usual case: one index probe per collection, and no lock taken and given back
        }
        jobs.runOnce("outbox-sweep", ClusterJobs.Lease.atMost(Duration.ofSeconds(30)), this::queuePending);
    }

    private void queuePending() {
        for (String collection : collections) {
            for (Object id : pendingIds(collection, settings.batchSize())) {
                if (!queue.offer(new DocumentRef(collection, id, true))) {
                    return;
                }
            }
        }
    }

    /** Ids of documents with a pending marker: served by the marker's sparse unique index alone. */
    List<Object> pendingIds(String collection, int limit) {
        Query pending = Query.query(OutboxCollection.pending()).limit(limit);
        pending.fields().include("_id");
        return mongo.find(pending, Document.class, collection).stream().map(document -> document.get("_id"))
                .toList();
    }

    /** Publishes everything pending now, sweeping until nothing is left that is due; returns how many were sent. */
    int publishAllPending() {
        int published = 0;
        for (String collection : collections) {
            List<Object> ids;
            Set<Object> seen = new HashSet<>();
            while (!(ids = pendingIds(collection, settings.batchSize())).isEmpty() && seen.addAll(ids)) {
                published += publish(ids.stream().map(id -> new DocumentRef(collection, id, true)).toList());
            }
        }
        return published;
    }

    private void run() {
        List<DocumentRef> batch = new ArrayList<>(settings.batchSize());
        while (running.get()) {
            try {
                DocumentRef first = queue.poll(500, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, settings.batchSize() - 1);
                publish(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // the store is unreachable, say: the sweep brings these documents back
                meters.counter("keywork.outbox.publish.failures", "topic", "any").increment();
                log.warn("Outbox: a batch of {} documents failed (will retry from the sweep): {}", batch.size(),
                        e.toString());
            } finally {
                batch.clear();
            }
        }
    }

    /**
     * Sends the events of the given documents and removes the acknowledged ones; returns how many were published.
     * A document found by the sweep publishes only events older than the grace period: younger ones are still on
     * their way through the immediate path (of this instance or another).
     */
    private int publish(List<DocumentRef> refs) {
        Map<String, Map<Object, Boolean>> byCollection = new LinkedHashMap<>();
        refs.forEach(ref -> byCollection.computeIfAbsent(ref.collection(), c -> new LinkedHashMap<>())
                .merge(ref.id(), ref.swept(), Boolean::logicalAnd));
        int published = 0;
        for (Map.Entry<String, Map<Object, Boolean>> group : byCollection.entrySet()) {
            published += publish(group.getKey(), group.getValue());
        }
        return published;
    }

    private int publish(String collection, Map<Object, Boolean> sweptById) {
        Instant graceCutoff = clock.instant().minus(settings.sweepGrace());
        Query query = Query.query(Criteria.where("_id").in(sweptById.keySet()));
        query.fields().include(EventOutbox.FIELD).include(EventOutbox.PENDING);
        List<Document> documents = mongo.find(query, Document.class, collection);
        List<Read> read = new ArrayList<>();
        for (Document document : documents) {
            Instant notAfter = Boolean.TRUE.equals(sweptById.get(document.get("_id"))) ? graceCutoff : Instant.MAX;
            List<Document> entries = document.getList(EventOutbox.FIELD, Document.class, List.of());
            List<Sent> sends = new ArrayList<>();
            for (Document entry : entries) {
                Instant occurredAt = occurredAt(entry);
                if (occurredAt != null && occurredAt.isAfter(notAfter)) {
                    break; // the rest is younger still: keep the order
                }
                sends.add(send(entry));
            }
            read.add(new Read(document.get("_id"), document.getString(EventOutbox.PENDING), entries.size(), sends));
        }
        BulkOperations removals = mongo.bulkOps(BulkOperations.BulkMode.ORDERED, collection);
        int writes = 0;
        int published = 0;
        for (Read document : read) {
            List<String> acknowledged = new ArrayList<>();
            for (Sent one : document.sends()) {
                if (one.acknowledged(settings.sendTimeout())) {
                    acknowledged.add(one.eventId());
                    meters.counter("keywork.outbox.published", "topic", one.topic(), "type", one.type()).increment();
                } else {
                    break; // keep this document's order: the rest waits for the retry
                }
            }
            if (!acknowledged.isEmpty()) {
                removals.updateOne(Query.query(Criteria.where("_id").is(document.id())),
                        new Update().pull(EventOutbox.FIELD, new Document("eventId", new Document("$in", acknowledged))));
                writes++;
            }
            if (document.marker() != null && acknowledged.size() == document.entries()) {
                // everything it held is out: clear the marker, unless an event was appended since (it changed then)
                removals.updateOne(Query.query(Criteria.where(EventOutbox.PENDING).is(document.marker())),
                        new Update().unset(EventOutbox.PENDING));
                writes++;
            }
            published += acknowledged.size();
        }
        if (writes > 0) {
            removals.execute();
        }
        return published;
    }

    /** A document as the relay read it: its marker, how many events it held, and the sends of those due. */
    private record Read(Object id, String marker, int entries, List<Sent> sends) {
    }

    private Sent send(Document entry) {
        String topic = entry.getString("topic");
        String type = entry.getString("type");
        String eventId = entry.getString("eventId");
        CompletableFuture<Void> acknowledged = new CompletableFuture<>();
        try {
            topics.ensure(topic);
            ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, null,
                    entry.getString("key").getBytes(StandardCharsets.UTF_8),
                    entry.getString("envelope").getBytes(StandardCharsets.UTF_8),
                    // no contentType header: the binder's consumers would read a raw one as bytes and refuse the
                    // message ("Unknown type for contentType header"); JSON is their default anyway
                    headers(type, entry.getString("origin")));
            producer.send(record, (metadata, error) -> {
                if (error == null) {
                    acknowledged.complete(null);
                } else {
                    acknowledged.completeExceptionally(error);
                }
            });
        } catch (RuntimeException e) {
            acknowledged.completeExceptionally(e);
        }
        return new Sent(eventId, topic, type, acknowledged);
    }

    private static List<Header> headers(String type, String origin) {
        Header typeHeader = new RecordHeader(EVENT_TYPE_HEADER, type.getBytes(StandardCharsets.UTF_8));
        return origin == null ? List.of(typeHeader)
                : List.of(typeHeader, new RecordHeader(ORIGIN_HEADER, origin.getBytes(StandardCharsets.UTF_8)));
    }

    private record Sent(String eventId, String topic, String type, CompletableFuture<Void> future) {

        boolean acknowledged(Duration timeout) {
            try {
                future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                return true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            } catch (ExecutionException | TimeoutException e) {
                Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
                log.warn("Outbox: could not publish {} {} to {} (will retry): {}", type, eventId, topic,
                        cause.toString());
                return false;
            }
        }
    }

    /** A document to publish; {@code swept} when the sweep found it rather than its writer. */
    private record DocumentRef(String collection, Object id, boolean swept) {
    }

    private static Instant occurredAt(Document entry) {
        Object value = entry.get("occurredAt");
        if (value instanceof Date date) {
            return date.toInstant();
        }
        return value instanceof Instant instant ? instant : null;
    }

    /** The pending marker's sparse unique index, on every collection with an outbox. */
    void createIndexes() {
        for (String collection : collections) {
            mongo.indexOps(collection).createIndex(new Index(EventOutbox.PENDING, Sort.Direction.ASC).unique().sparse()
                    .named(EventOutbox.PENDING));
        }
    }

    @Override
    public void start() {
        createIndexes();
        running.set(true);
        worker = new Thread(this::run, "outbox-relay");
        worker.setDaemon(true);
        worker.start();
    }

    /**
     * Stops at once: what is not acknowledged yet stays in the outboxes and is published after the next start (by
     * this instance or another), so nothing waits here for a broker that may be gone already.
     */
    @Override
    public void stop() {
        running.set(false);
        if (worker != null) {
            worker.interrupt();
            try {
                worker.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        producer.close(Duration.ofMillis(500));
        topics.close();
    }

    @Override
    public boolean isRunning() {
        return running.get();
    }

    /** Starts before the consumers and web server (whose work queues events), stops after them. */
    @Override
    public int getPhase() {
        return Integer.MIN_VALUE + 1000;
    }
}
