package org.keywork.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import tools.jackson.databind.JsonNode;

/**
 * Watches {@value #TOPIC} (the contract's alert events) from now on, for one plan year: which alerts were raised and
 * the highest escalation step each reached, and when the last such event arrived. notification-service counts its
 * escalation steps only at the end of each sweep; the events show the ladder being climbed alert by alert.
 */
final class AlertEvents implements AutoCloseable {

    static final String TOPIC = "keywork.notification.alerts";
    static final String RAISED = "notification.alert-raised";
    static final String ESCALATED = "notification.alert-escalated";

    private final int planYear;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Thread thread;
    private final Set<String> raised = ConcurrentHashMap.newKeySet();
    private final Map<String, Integer> topStep = new ConcurrentHashMap<>();
    private final AtomicLong lastRaised = new AtomicLong();
    private final AtomicLong lastEscalated = new AtomicLong();
    private volatile boolean running = true;

    AlertEvents(String bootstrap, int planYear) {
        this.planYear = planYear;
        consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.CLIENT_ID_CONFIG, "keywork-bench-" + UUID.randomUUID(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(TOPIC, Duration.ofSeconds(10)).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // fix "now" before anything happens
        thread = new Thread(this::follow, "bench-alert-events");
        thread.setDaemon(true);
        thread.start();
    }

    private void follow() {
        try {
            while (running) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    accept(record);
                }
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close();
        }
    }

    private void accept(ConsumerRecord<byte[], byte[]> record) {
        if (record.value() == null) {
            return;
        }
        JsonNode root;
        try {
            root = Api.JSON.readTree(record.value());
        } catch (RuntimeException e) {
            return;
        }
        Header typeHeader = record.headers().lastHeader("keywork_event_type");
        String type = typeHeader != null ? new String(typeHeader.value(), StandardCharsets.UTF_8).replace("\"", "")
                : root.path("type").asString("");
        JsonNode event = root.has("payload") ? root.path("payload") : root;
        if (event.path("planYear").asInt() != planYear) {
            return;
        }
        String alertId = event.path("alertId").asString("");
        long now = System.nanoTime();
        if (type.equals(RAISED)) {
            raised.add(alertId);
            lastRaised.set(now);
        } else if (type.equals(ESCALATED)) {
            topStep.merge(alertId, event.path("step").asInt(), Math::max);
            lastEscalated.set(now);
        }
    }

    int raised() {
        return raised.size();
    }

    /** Alerts of the year whose highest escalation step is at least {@code step}. */
    long reachedStep(int step) {
        return topStep.values().stream().filter(s -> s >= step).count();
    }

    int escalatedAlerts() {
        return topStep.size();
    }

    int highestStep() {
        return topStep.values().stream().mapToInt(Integer::intValue).max().orElse(-1);
    }

    long lastRaisedNanos() {
        return lastRaised.get();
    }

    long lastEscalatedNanos() {
        return lastEscalated.get();
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(3000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
