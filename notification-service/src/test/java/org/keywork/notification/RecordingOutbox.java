package org.keywork.notification;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.keywork.notification.outbound.OutgoingMessage;
import org.keywork.notification.outbound.Outbox;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * Watches what alerting hands to the real, durable notification log: every call goes on to that log (which sends
 * it as in production), and is noted here by message id, so a test sees which messages were decided (a message
 * offered twice is still one message, and {@link #enqueued} shows it was offered twice). Imported by the
 * {@code @SpringBootTest}s of alerting.
 */
@TestConfiguration(proxyBeanMethods = false)
public class RecordingOutbox {

    @Bean
    @Primary
    Watching watchingOutbox(List<Outbox> outboxes) {
        // the production outbox is the only other one
        return new Watching(outboxes.stream().filter(o -> !(o instanceof Watching)).findFirst().orElseThrow());
    }

    /** The watching outbox itself; tests inject it as {@code RecordingOutbox.Watching}. */
    public static final class Watching implements Outbox {

        private final Outbox durable;
        private final Map<String, OutgoingMessage> messages = new ConcurrentHashMap<>();
        private final Map<String, AtomicInteger> offers = new ConcurrentHashMap<>();

        Watching(Outbox durable) {
            this.durable = durable;
        }

        @Override
        public void enqueue(OutgoingMessage message) {
            durable.enqueue(message);
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
}
