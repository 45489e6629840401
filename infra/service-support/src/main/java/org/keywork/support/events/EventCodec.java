package org.keywork.support.events;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.UUID;
import org.keywork.events.EventEnvelope;
import org.keywork.events.IntegrationEvent;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.json.JsonMapper;

/** Turns integration events into outbox entries and incoming messages back into typed envelopes. */
public class EventCodec {

    private final JsonMapper json;
    private final String source;
    private final Clock clock;
    private final String origin = UUID.randomUUID().toString();

    public EventCodec(JsonMapper json, String source, Clock clock) {
        this.json = json;
        this.source = source;
        this.clock = clock;
    }

    /**
     * This instance, as the outbox entries it makes name it (a random id per start): the relay sends it as the
     * {@value OutboxRelay#ORIGIN_HEADER} header, so a consumer that keeps a view of its own writes can skip the events
     * of the changes it made itself, unread.
     */
    public String origin() {
        return origin;
    }

    /** A new event with a fresh id, ready to be stored in an aggregate's outbox. */
    public OutboxEntry outboxEntry(String topic, IntegrationEvent payload) {
        return outboxEntry(topic, UUID.randomUUID(), payload);
    }

    /** A new event with an id derived from its cause, so that redoing the same work yields the same event. */
    public OutboxEntry outboxEntry(String topic, UUID eventId, IntegrationEvent payload) {
        EventEnvelope<IntegrationEvent> envelope = EventEnvelope.wrap(eventId, source, clock.instant(), payload);
        return new OutboxEntry(eventId.toString(), topic, envelope.key(), envelope.type(), envelope.occurredAt(),
                json.writeValueAsString(envelope), origin);
    }

    /**
     * Reads a message body as an envelope of the given payload type.
     *
     * @throws PoisonEventException when the body is not a readable envelope; such a message can never succeed
     */
    public <T> EventEnvelope<T> decode(byte[] body, Class<T> payloadType) {
        JavaType type = json.getTypeFactory().constructParametricType(EventEnvelope.class, payloadType);
        try {
            EventEnvelope<T> envelope = json.readValue(body, type);
            if (envelope == null) {
                throw new PoisonEventException("empty message body");
            }
            return envelope;
        } catch (JacksonException | IllegalArgumentException | NullPointerException e) {
            throw new PoisonEventException("unreadable " + payloadType.getSimpleName() + " envelope: "
                    + e.getMessage() + " body: " + preview(body), e);
        }
    }

    private static String preview(byte[] body) {
        if (body == null) {
            return "<null>";
        }
        String text = new String(body, StandardCharsets.UTF_8);
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }
}
