package org.keywork.support.events;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.keywork.events.EventEnvelope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.messaging.Message;

/**
 * The one way a Keywork consumer takes an event in: decode the envelope, check its type and version, skip what
 * this group already handled, run the handler, then record it. A handler that throws is not recorded, so the
 * message is retried and, failing that, goes to the group's dead-letter topic; it is never acknowledged as done.
 */
public class InboundEvents {

    private static final Logger log = LoggerFactory.getLogger(InboundEvents.class);

    private final EventCodec codec;
    private final ProcessedMessages processed;
    private final MeterRegistry meters;
    private final DeadLetters deadLetters;

    public InboundEvents(EventCodec codec, ProcessedMessages processed, MeterRegistry meters,
            DeadLetters deadLetters) {
        this.codec = codec;
        this.processed = processed;
        this.meters = meters;
        this.deadLetters = deadLetters;
    }

    /**
     * Handles one message for {@code consumerGroup}.
     *
     * @param type        the event type this consumer handles; other types on the topic are skipped
     * @param maxVersion  the highest version of that type this consumer understands; a higher one is poison
     */
    public <T> void handle(String consumerGroup, Message<byte[]> message, Class<T> payloadType, String type,
            int maxVersion, Consumer<EventEnvelope<T>> handler) {
        handle(consumerGroup, message, payloadType, type, maxVersion, payload -> true, handler);
    }

    /**
     * As {@link #handle(String, Message, Class, String, int, Consumer)}, for a consumer that acts on only some events
     * of the type: one that does not {@code concern} it is counted as ignored and neither handled nor recorded (it
     * changes nothing, so there is nothing to do twice), which spares the processed-message store a read and a write
     * for each of them.
     */
    public <T> void handle(String consumerGroup, Message<byte[]> message, Class<T> payloadType, String type,
            int maxVersion, Predicate<T> concerns, Consumer<EventEnvelope<T>> handler) {
        EventEnvelope<T> envelope = decode(consumerGroup, message, payloadType, type, maxVersion);
        if (envelope == null) {
            return;
        }
        if (!concerns.test(envelope.payload())) {
            count(consumerGroup, type, "ignored");
            return;
        }
        handleOnce(consumerGroup, type, envelope, handler);
    }

    /** Skips an event this group handled before; otherwise handles it, then records it. */
    private <T> void handleOnce(String consumerGroup, String type, EventEnvelope<T> envelope,
            Consumer<EventEnvelope<T>> handler) {
        String eventId = envelope.eventId().toString();
        if (processed.contains(consumerGroup, eventId)) {
            count(consumerGroup, type, "duplicate");
            log.info("{} already handled {} {}, skipping redelivery", consumerGroup, type, eventId);
            return;
        }
        handler.accept(envelope);
        processed.add(consumerGroup, eventId, type);
        count(consumerGroup, type, "handled");
    }

    /**
     * As {@link #handle}, for a consumer some of whose events are idempotent by themselves (as
     * {@link #handleIdempotent} describes: say, an alert raised, whose unique key makes a second raise change nothing):
     * those that {@code needRecord} declines are handled without a processed-message record, read or written; the
     * others (say, a recovery resolving whatever alerts are open, which a late redelivery must not do again) are
     * recorded as {@link #handle} records them.
     */
    public <T> void handleRecording(String consumerGroup, Message<byte[]> message, Class<T> payloadType, String type,
            int maxVersion, Predicate<T> needRecord, Consumer<EventEnvelope<T>> handler) {
        EventEnvelope<T> envelope = decode(consumerGroup, message, payloadType, type, maxVersion);
        if (envelope == null) {
            return;
        }
        if (needRecord.test(envelope.payload())) {
            handleOnce(consumerGroup, type, envelope, handler);
        } else {
            handler.accept(envelope);
            count(consumerGroup, type, "handled");
        }
    }

    /**
     * As {@link #handle}, for a handler that is idempotent by itself: the one write it makes records the event in the
     * aggregate it changes (say, the report ids an indicator has taken in, checked before anything is changed), so
     * that a redelivery, or the same event at two instances at once, changes nothing and causes no event. No
     * processed-message record is read or written: two store round trips fewer per event on a hot path.
     */
    public <T> void handleIdempotent(String consumerGroup, Message<byte[]> message, Class<T> payloadType, String type,
            int maxVersion, Consumer<EventEnvelope<T>> handler) {
        EventEnvelope<T> envelope = decode(consumerGroup, message, payloadType, type, maxVersion);
        if (envelope == null) {
            return;
        }
        handler.accept(envelope);
        count(consumerGroup, type, "handled");
    }

    /**
     * As {@link #handleIdempotent}, for a binding in batch mode: the handler takes a poll's events of the type together
     * (say, one read and one write per item for all its reports), in the order they came. An unreadable event, or one
     * whose version is too new, goes to the group's dead-letter topic once the events before it are handled. The
     * handler names a failed event by throwing {@link EventFailedException}: a poison one goes to the dead-letter topic
     * and the events after it are handed over again; any other failure is thrown on as a
     * {@link BatchListenerFailedException} for that record, so that the listener container commits the records before
     * it and retries from it with back-off, and then sends it to the dead-letter topic ({@code BatchErrorHandling}),
     * as the binder does for a single record. An exception that names no event counts against the first one handed
     * over. The handler must be idempotent, as events after a failed one may be handed over again.
     */
    public <T> void handleIdempotentBatch(String consumerGroup, Message<List<byte[]>> batch, Class<T> payloadType,
            String type, int maxVersion, Consumer<List<EventEnvelope<T>>> handler) {
        handleEach(consumerGroup, batch, payloadType, type, maxVersion, handler, true);
    }

    /**
     * As {@link #handle(String, Message, Class, String, int, Predicate, Consumer)}, for a binding in batch mode whose
     * events are handled one at a time: a poll's events that {@code concern} this group are each handled once and
     * recorded; an unreadable one, or one the handler finds poison, goes to the dead-letter topic; any other failure
     * is retried from that event on, as {@link #handleIdempotentBatch} describes. Most of a busy topic's events may
     * not concern the group at all (say, project-service and the progress reports of indicators): those cost no more
     * than their reading.
     */
    public <T> void handleBatch(String consumerGroup, Message<List<byte[]>> batch, Class<T> payloadType, String type,
            int maxVersion, Predicate<T> concerns, Consumer<EventEnvelope<T>> handler) {
        handleEach(consumerGroup, batch, payloadType, type, maxVersion, events -> {
            for (int i = 0; i < events.size(); i++) {
                EventEnvelope<T> envelope = events.get(i);
                if (!concerns.test(envelope.payload())) {
                    count(consumerGroup, type, "ignored");
                    continue;
                }
                try {
                    handleOnce(consumerGroup, type, envelope, handler);
                } catch (RuntimeException e) {
                    throw new EventFailedException(i, e);
                }
            }
        }, false);
    }

    private <T> void handleEach(String consumerGroup, Message<List<byte[]>> batch, Class<T> payloadType,
            String type, int maxVersion, Consumer<List<EventEnvelope<T>>> handler, boolean countHandled) {
        List<byte[]> bodies = batch.getPayload();
        List<EventEnvelope<T>> run = new ArrayList<>();
        List<Integer> runIndexes = new ArrayList<>();
        for (int i = 0; i < bodies.size(); i++) {
            EventEnvelope<T> envelope;
            try {
                envelope = decode(consumerGroup, bodies.get(i), payloadType, type, maxVersion);
            } catch (PoisonEventException poison) {
                handleRun(consumerGroup, type, batch, run, runIndexes, handler, countHandled);
                run.clear();
                runIndexes.clear();
                deadLetters.send(consumerGroup, PolledRecord.at(batch, i), poison);
                continue;
            }
            if (envelope != null) {
                run.add(envelope);
                runIndexes.add(i);
            }
        }
        handleRun(consumerGroup, type, batch, run, runIndexes, handler, countHandled);
    }

    /** Hands {@code run} over until all of it is done; its events came from {@code indexes} of the poll. */
    private <T> void handleRun(String consumerGroup, String type, Message<List<byte[]>> batch,
            List<EventEnvelope<T>> run, List<Integer> indexes, Consumer<List<EventEnvelope<T>>> handler,
            boolean countHandled) {
        int from = 0;
        while (from < run.size()) {
            try {
                handler.accept(run.subList(from, run.size()));
                count(consumerGroup, type, "handled", countHandled ? run.size() - from : 0);
                return;
            } catch (EventFailedException failed) {
                int at = from + Math.max(0, Math.min(failed.position(), run.size() - from - 1));
                count(consumerGroup, type, "handled", countHandled ? at - from : 0);
                if (!(failed.getCause() instanceof PoisonEventException poison)) {
                    throw new BatchListenerFailedException(consumerGroup + " failed on " + type + " "
                            + run.get(at).eventId(), failed.getCause(), indexes.get(at));
                }
                deadLetters.send(consumerGroup, PolledRecord.at(batch, indexes.get(at)), poison);
                from = at + 1;
            } catch (RuntimeException failure) {
                throw new BatchListenerFailedException(consumerGroup + " failed on " + type + " "
                        + run.get(from).eventId(), failure, indexes.get(from));
            }
        }
    }

    /**
     * A header of an incoming message as text: a header a raw producer wrote (the relay's) comes as UTF-8 bytes, one
     * that Spring Cloud Stream wrote as what it was; null when the message has none.
     */
    public static String header(Message<?> message, String name) {
        Object value = message.getHeaders().get(name);
        return value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8)
                : value == null ? null : value.toString();
    }

    /** The envelope, or null when it is of another type (skipped); a version too new is poison. */
    private <T> EventEnvelope<T> decode(String consumerGroup, Message<byte[]> message, Class<T> payloadType,
            String type, int maxVersion) {
        return decode(consumerGroup, message.getPayload(), payloadType, type, maxVersion);
    }

    private <T> EventEnvelope<T> decode(String consumerGroup, byte[] body, Class<T> payloadType, String type,
            int maxVersion) {
        EventEnvelope<T> envelope = codec.decode(body, payloadType);
        if (!envelope.type().equals(type)) {
            count(consumerGroup, envelope.type(), "skipped");
            log.debug("{} skips event {} of type {}", consumerGroup, envelope.eventId(), envelope.type());
            return null;
        }
        if (envelope.version() > maxVersion) {
            throw new PoisonEventException(type + " version " + envelope.version() + " is newer than "
                    + consumerGroup + " understands (" + maxVersion + ")");
        }
        return envelope;
    }

    private void count(String group, String type, String outcome) {
        count(group, type, outcome, 1);
    }

    private void count(String group, String type, String outcome, int events) {
        if (events > 0) {
            meters.counter("keywork.events.consumed", "group", group, "type", type, "outcome", outcome)
                    .increment(events);
        }
    }
}
