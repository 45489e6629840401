package org.keywork.notification;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.keywork.notification.outbound.OutgoingMessage;
import org.keywork.notification.outbound.Outbox;
import org.springframework.boot.test.context.TestConfiguration;

/**
 * The {@link Outbox} of the tests, until delivery's durable one is merged: keeps what alerting enqueued, by message
 * id as the real outbox does, so that a message enqueued twice is one message here too (and {@link #enqueued} shows
 * it was offered twice). Imported by every {@code @SpringBootTest} of the module.
 */
@TestConfiguration(proxyBeanMethods = false)
public class RecordingOutbox implements Outbox {

    private final Map<String, OutgoingMessage> messages = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> offers = new ConcurrentHashMap<>();

    @Override
    public void enqueue(OutgoingMessage message) {
        offers.computeIfAbsent(message.messageId(), id -> new AtomicInteger()).incrementAndGet();
        messages.putIfAbsent(message.messageId(), message);
    }

    /** Every distinct message, oldest first. */
    public List<OutgoingMessage> messages() {
        List<OutgoingMessage> all = new ArrayList<>(messages.values());
        all.sort((a, b) -> a.createdAt().compareTo(b.createdAt()));
        return all;
    }

    /** The distinct messages that concern the alert, of the given kind. */
    public List<OutgoingMessage> about(String alertId, OutgoingMessage.Kind kind) {
        return messages().stream().filter(m -> m.kind() == kind && m.alertIds().contains(alertId)).toList();
    }

    /** How often the message was offered (a redo offers it again; it is still one message). */
    public int enqueued(String messageId) {
        AtomicInteger count = offers.get(messageId);
        return count == null ? 0 : count.get();
    }
}
