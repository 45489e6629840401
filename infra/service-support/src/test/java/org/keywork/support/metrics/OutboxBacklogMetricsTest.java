package org.keywork.support.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keywork.support.events.EventOutbox;
import org.keywork.support.events.OutboxCollection;
import org.keywork.testing.MongoWireServers;
import org.springframework.data.mongodb.core.MongoTemplate;

class OutboxBacklogMetricsTest {

    private static final Instant NOW = Instant.parse("2026-03-02T08:00:00Z");

    private MongoClient client;
    private MongoTemplate mongo;
    private final AtomicLong nanos = new AtomicLong();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @BeforeEach
    void setUp() {
        client = MongoClients.create(MongoWireServers.uri("outbox-backlog-metrics"));
        mongo = new MongoTemplate(client, "outbox-backlog-metrics");
        mongo.getDb().drop();
        new OutboxBacklogMetrics(mongo, List.of(new OutboxCollection("reports"), new OutboxCollection("alerts")),
                Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofSeconds(10), 2, nanos::get).bindTo(registry);
    }

    @AfterEach
    void tearDown() {
        client.close();
    }

    @Test
    void countsWaitingEventsAndTheAgeOfTheOldestPerCollection() {
        pending("reports", "r1", NOW.minusSeconds(30), NOW.minusSeconds(5));
        pending("reports", "r2", NOW.minusSeconds(200));
        published("reports", "r3");

        assertThat(gauge(OutboxBacklogMetrics.PENDING, "reports")).isEqualTo(3);
        assertThat(gauge(OutboxBacklogMetrics.OLDEST_AGE, "reports")).isEqualTo(200);
        assertThat(gauge(OutboxBacklogMetrics.PENDING, "alerts")).isZero();
        assertThat(gauge(OutboxBacklogMetrics.OLDEST_AGE, "alerts")).isZero();
        assertThat(registry.get(OutboxBacklogMetrics.OLDEST_AGE).gauge().getId().getBaseUnit()).isEqualTo("seconds");
    }

    @Test
    void servesOneReadingUntilTheRefreshIntervalHasPassed() {
        pending("reports", "r1", NOW.minusSeconds(30));
        assertThat(gauge(OutboxBacklogMetrics.PENDING, "reports")).isEqualTo(1);

        pending("reports", "r2", NOW.minusSeconds(60));
        nanos.addAndGet(Duration.ofSeconds(9).toNanos());
        assertThat(gauge(OutboxBacklogMetrics.PENDING, "reports")).isEqualTo(1);
        assertThat(gauge(OutboxBacklogMetrics.OLDEST_AGE, "reports")).isEqualTo(30);

        nanos.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(gauge(OutboxBacklogMetrics.PENDING, "reports")).isEqualTo(2);
        assertThat(gauge(OutboxBacklogMetrics.OLDEST_AGE, "reports")).isEqualTo(60);
    }

    @Test
    void countsDocumentsPastTheSampleAsOneEventEach() {
        pending("reports", "r1", NOW.minusSeconds(1), NOW.minusSeconds(1), NOW.minusSeconds(1));
        pending("reports", "r2", NOW.minusSeconds(1), NOW.minusSeconds(1), NOW.minusSeconds(1));
        pending("reports", "r3", NOW.minusSeconds(1), NOW.minusSeconds(1), NOW.minusSeconds(1));

        // two documents read (6 events), the third counted as at least one
        assertThat(gauge(OutboxBacklogMetrics.PENDING, "reports")).isEqualTo(7);
    }

    private double gauge(String name, String collection) {
        return registry.get(name).tag("collection", collection).gauge().value();
    }

    private void pending(String collection, String id, Instant... occurred) {
        List<Document> entries = java.util.Arrays.stream(occurred)
                .map(at -> new Document("eventId", id + "-" + at.toEpochMilli() + "-" + Math.random())
                        .append("topic", "keywork.test").append("occurredAt", Date.from(at)))
                .toList();
        mongo.insert(EventOutbox.mark(new Document("_id", id).append(EventOutbox.FIELD, entries)), collection);
    }

    private void published(String collection, String id) {
        mongo.insert(EventOutbox.mark(new Document("_id", id).append(EventOutbox.FIELD, List.of())), collection);
    }
}
