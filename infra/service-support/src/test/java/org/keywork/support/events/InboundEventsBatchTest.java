package org.keywork.support.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.keywork.events.EventEnvelope;
import org.keywork.support.metrics.DeadLetterMetrics;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
import tools.jackson.databind.json.JsonMapper;

/** A poll's events handed to a batch handler: runs between poison records, dead letters one by one, retry positions. */
class InboundEventsBatchTest {

    record Ping(String id) {
    }

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final List<String> deadLettered = new ArrayList<>();
    private final DeadLetters deadLetters = new DeadLetters(() -> null, null, meters, Duration.ofSeconds(1)) {
        @Override
        public void send(String group, PolledRecord record, Throwable cause) {
            deadLettered.add(record.offset() + " " + new String(record.value(), StandardCharsets.UTF_8) + " | "
                    + cause.getMessage() + " | " + record.topic() + " " + new String(record.key(), StandardCharsets.UTF_8));
            meters.counter(DeadLetterMetrics.METER, "topic", record.topic(), "group", group).increment();
        }
    };
    private final InboundEvents inbound = new InboundEvents(
            new EventCodec(JsonMapper.builder().build(), "test", Clock.systemUTC()), null, meters, deadLetters);
    private final List<List<String>> handedOver = new ArrayList<>();

    @Test
    void anUnreadableRecordGoesToTheDeadLetterTopicAfterTheEventsBeforeItAndTheRestFollow() {
        inbound.handleIdempotentBatch("g", poll(ping("a"), "garbage", ping("b"), ping("c")), Ping.class, "test.ping",
                1, events -> handedOver.add(ids(events)));

        assertThat(handedOver).containsExactly(List.of("a"), List.of("b", "c"));
        assertThat(deadLettered).singleElement().asString().startsWith("101 garbage | unreadable Ping envelope")
                .endsWith("| t k");
        assertThat(meters.counter("keywork.events.consumed", "group", "g", "type", "test.ping", "outcome", "handled")
                .count()).isEqualTo(3);
        assertThat(meters.counter(DeadLetterMetrics.METER, "topic", "t", "group", "g").count()).isEqualTo(1);
    }

    @Test
    void anEventTheHandlerFindsPoisonGoesToTheDeadLetterTopicAndTheEventsAfterItAreHandedOverAgain() {
        inbound.handleIdempotentBatch("g", poll(ping("a"), ping("bad"), ping("c")), Ping.class, "test.ping", 1,
                events -> {
                    handedOver.add(ids(events));
                    int bad = ids(events).indexOf("bad");
                    if (bad >= 0) {
                        throw new EventFailedException(bad, new PoisonEventException("bad ping"));
                    }
                });

        assertThat(handedOver).containsExactly(List.of("a", "bad", "c"), List.of("c"));
        assertThat(deadLettered).singleElement().asString().startsWith("101 ").contains("| bad ping |");
    }

    @Test
    void anyOtherFailureNamesItsRecordToTheContainerSoThatTheRecordsBeforeItAreCommitted() {
        assertThatThrownBy(() -> inbound.handleIdempotentBatch("g", poll("garbage", ping("a"), ping("b"), ping("c")),
                Ping.class, "test.ping", 1, events -> {
                    throw new EventFailedException(1, new IllegalStateException("store down"));
                }))
                .isInstanceOfSatisfying(BatchListenerFailedException.class, failed -> {
                    assertThat(failed.getIndex()).isEqualTo(2); // "b": the poll's third record
                    assertThat(failed.getCause()).hasMessage("store down");
                });
        assertThat(deadLettered).hasSize(1);

        assertThatThrownBy(() -> inbound.handleIdempotentBatch("g", poll(ping("a"), ping("b")), Ping.class,
                "test.ping", 1, events -> {
                    throw new IllegalStateException("no position");
                })).isInstanceOfSatisfying(BatchListenerFailedException.class,
                        failed -> assertThat(failed.getIndex()).isZero());
    }

    @Test
    void eventsOfOtherTypesAreSkippedAndATooNewVersionIsPoison() {
        String other = ping("x").replace("test.ping", "test.other");
        String tooNew = ping("y").replace("\"version\":1", "\"version\":2");
        inbound.handleIdempotentBatch("g", poll(other, ping("a"), tooNew, ping("b")), Ping.class, "test.ping", 1,
                events -> handedOver.add(ids(events)));

        assertThat(handedOver).containsExactly(List.of("a"), List.of("b"));
        assertThat(deadLettered).singleElement().asString().startsWith("102 ").contains("version 2 is newer");
    }

    private static List<String> ids(List<EventEnvelope<Ping>> events) {
        return events.stream().map(e -> e.payload().id()).toList();
    }

    private static String ping(String id) {
        return """
                {"eventId":"%s","type":"test.ping","version":1,"occurredAt":"2021-06-30T03:00:00Z","source":"t",\
                "key":"k","payload":{"id":"%s"}}""".formatted(UUID.randomUUID(), id);
    }

    /** A poll as the binder hands it over in batch mode: offsets 100, 101, … of topic t, partition 0, key k. */
    private static Message<List<byte[]>> poll(String... bodies) {
        int n = bodies.length;
        return MessageBuilder.withPayload(java.util.Arrays.stream(bodies)
                        .map(b -> b.getBytes(StandardCharsets.UTF_8)).toList())
                .setHeader(KafkaHeaders.RECEIVED_TOPIC, java.util.Collections.nCopies(n, "t"))
                .setHeader(KafkaHeaders.RECEIVED_PARTITION, java.util.Collections.nCopies(n, 0))
                .setHeader(KafkaHeaders.OFFSET, IntStream.range(0, n).mapToObj(i -> 100L + i).toList())
                .setHeader(KafkaHeaders.RECEIVED_TIMESTAMP, java.util.Collections.nCopies(n, 1L))
                .setHeader(KafkaHeaders.RECEIVED_KEY, java.util.Collections.nCopies(n, "k".getBytes(StandardCharsets.UTF_8)))
                .build();
    }
}
