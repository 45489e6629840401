package org.keywork.support.events;

import java.time.Instant;

/**
 * An integration event waiting to be published, stored inside the document whose change caused it (field
 * {@value OutboxRelay#OUTBOX_FIELD}). Writing the change and its event in one document is one atomic write, on
 * MongoDB and on the embedded wire server alike, so no event is lost and none is published for a change that did
 * not happen. {@link OutboxRelay} publishes it and removes it once the broker has acknowledged it.
 *
 * @param eventId    the envelope's event id
 * @param topic      destination topic
 * @param key        message key (the plan item id)
 * @param type       event type, for logs and metrics
 * @param occurredAt when the event occurred
 * @param envelope   the serialized envelope (JSON)
 * @param origin     the instance that made the change ({@link EventCodec#origin()}), sent as a header
 */
public record OutboxEntry(String eventId, String topic, String key, String type, Instant occurredAt,
        String envelope, String origin) {
}
