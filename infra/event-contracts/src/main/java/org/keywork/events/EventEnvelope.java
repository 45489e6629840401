package org.keywork.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The explicit envelope every Keywork integration event travels in.
 *
 * <p>Consumers route on {@link #type()} and {@link #version()}, never on a Java class name. Contracts evolve
 * additively only: a new field is optional for readers, a removed or renamed field needs a new {@code version}.
 *
 * @param eventId    unique per event; consumers use it to recognise redeliveries
 * @param type       the stable event type name, e.g. {@value ProgressReportAccepted#TYPE}
 * @param version    the payload's schema version for that type
 * @param occurredAt when the fact happened at the producer
 * @param source     the producing service, e.g. {@code progress-service}
 * @param key        the partitioning key (the plan item id), so the order per item holds on any partition count
 * @param payload    the event itself
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record EventEnvelope<T>(
        UUID eventId, String type, int version, Instant occurredAt, String source, String key, T payload) {

    public EventEnvelope {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(payload, "payload");
    }

    /** Wraps a payload in a fresh envelope with a random event id. */
    public static <T extends IntegrationEvent> EventEnvelope<T> wrap(String source, Instant occurredAt, T payload) {
        return wrap(UUID.randomUUID(), source, occurredAt, payload);
    }

    /** Wraps a payload with a given event id, for producers whose event id is derived from its cause. */
    public static <T extends IntegrationEvent> EventEnvelope<T> wrap(UUID eventId, String source, Instant occurredAt,
            T payload) {
        return new EventEnvelope<>(eventId, payload.eventType(), payload.eventVersion(), occurredAt, source,
                payload.partitionKey(), payload);
    }

    /** True when this envelope carries the given type in a version this reader understands. */
    public boolean is(String expectedType, int highestKnownVersion) {
        return type.equals(expectedType) && version <= highestKnownVersion;
    }
}
