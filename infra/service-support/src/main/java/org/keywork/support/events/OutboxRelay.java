package org.keywork.support.events;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.util.MimeTypeUtils;

/**
 * Publishes the events waiting in documents' embedded outboxes and removes each one only after the broker has
 * acknowledged it (producers run with {@code sync=true}). A write calls {@link #publishSoon} right after it is
 * stored; a periodic sweep retries whatever is still waiting, e.g. while the broker was down. Both run on one
 * thread per instance, in order. Delivery is
 * at-least-once: consumers recognise redeliveries by event id. Keys travel as UTF-8 bytes, so that the binder's
 * byte-array serializer serves ordinary and dead-letter producers alike.
 */
public class OutboxRelay implements DisposableBean {

    public static final String OUTBOX_FIELD = "outbox";
    public static final String EVENT_TYPE_HEADER = "keywork_event_type";

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final MongoTemplate mongo;
    private final StreamBridge bridge;
    private final MeterRegistry meters;
    private final Clock clock;
    private final List<String> collections;
    private final Duration sweepGrace;
    private final ExecutorService immediate = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "outbox-relay");
        thread.setDaemon(true);
        return thread;
    });

    public OutboxRelay(MongoTemplate mongo, StreamBridge bridge, MeterRegistry meters, Clock clock,
            List<OutboxCollection> collections, Duration sweepGrace) {
        this.mongo = mongo;
        this.bridge = bridge;
        this.meters = meters;
        this.clock = clock;
        this.collections = collections.stream().map(OutboxCollection::name).distinct().toList();
        this.sweepGrace = sweepGrace;
    }

    /** Publishes the pending events of one document in the background, without delaying the caller. */
    public void publishSoon(String collection, Object documentId) {
        immediate.execute(() -> {
            Document document = mongo.findById(documentId, Document.class, collection);
            if (document != null) {
                publish(collection, document, Instant.MAX);
            }
        });
    }

    /**
     * Queues a sweep behind the immediate publications: one thread does all the publishing of this instance, so
     * a sweep never sends what an immediate publication is sending at the same moment.
     */
    @Scheduled(fixedDelayString = "${keywork.outbox.sweep-interval:2s}",
            initialDelayString = "${keywork.outbox.sweep-interval:2s}")
    public void sweep() {
        immediate.execute(this::publishAllPending);
    }

    /** Publishes every pending event older than the grace period; returns how many were published. */
    int publishAllPending() {
        Instant cutoff = clock.instant().minus(sweepGrace);
        int published = 0;
        for (String collection : collections) {
            Query pending = Query.query(Criteria.where(OUTBOX_FIELD + ".0").exists(true));
            for (Document document : mongo.find(pending, Document.class, collection)) {
                published += publish(collection, document, cutoff);
            }
        }
        return published;
    }

    private int publish(String collection, Document document, Instant notAfter) {
        List<Document> entries = document.getList(OUTBOX_FIELD, Document.class, List.of());
        int published = 0;
        for (Document entry : entries) {
            Instant occurredAt = occurredAt(entry);
            if (occurredAt != null && occurredAt.isAfter(notAfter)) {
                continue;
            }
            String topic = entry.getString("topic");
            String type = entry.getString("type");
            try {
                Message<byte[]> message = MessageBuilder
                        .withPayload(entry.getString("envelope").getBytes(StandardCharsets.UTF_8))
                        .setHeader(KafkaHeaders.KEY, entry.getString("key").getBytes(StandardCharsets.UTF_8))
                        .setHeader(EVENT_TYPE_HEADER, type)
                        .setHeader("contentType", MimeTypeUtils.APPLICATION_JSON_VALUE)
                        .build();
                if (!bridge.send(topic, message)) {
                    throw new IllegalStateException("broker did not accept the message");
                }
            } catch (RuntimeException e) {
                meters.counter("keywork.outbox.publish.failures", "topic", topic).increment();
                log.warn("Outbox: could not publish {} {} to {} (will retry): {}", type, entry.getString("eventId"),
                        topic, e.toString());
                return published;
            }
            mongo.updateFirst(Query.query(Criteria.where("_id").is(document.get("_id"))),
                    new Update().pull(OUTBOX_FIELD, new Document("eventId", entry.getString("eventId"))),
                    collection);
            meters.counter("keywork.outbox.published", "topic", topic, "type", type).increment();
            published++;
        }
        return published;
    }

    private static Instant occurredAt(Document entry) {
        Object value = entry.get("occurredAt");
        if (value instanceof java.util.Date date) {
            return date.toInstant();
        }
        return value instanceof Instant instant ? instant : null;
    }

    @Override
    public void destroy() {
        immediate.shutdown();
    }
}
