package org.keywork.support.events;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.keywork.events.Topics;
import org.keywork.support.metrics.DeadLetterMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.stream.binder.kafka.KafkaMessageChannelBinder;

/**
 * Sends a record a consumer group gave up on to the group's dead-letter topic ({@link Topics#deadLetter}) as the
 * Kafka binder does for a single-record binding: the same key, body and headers, plus the binder's
 * {@code x-original-*} and {@code x-exception-*} headers; counted as {@value DeadLetterMetrics#METER}. Used where the
 * binder cannot do it for one record: batch bindings, where its dead-letter handler would send the whole poll.
 *
 * <p>The send waits for the broker's acknowledgement, so a record is never taken as done before it is safely in the
 * dead-letter topic; a failed send throws, and the record is handled again. The producer is made at the first dead
 * letter: a healthy service never opens it.
 */
public class DeadLetters implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

    private final Supplier<Producer<byte[], byte[]>> producerFactory;
    private final TopicProvisioner topics;
    private final MeterRegistry meters;
    private final Duration timeout;
    private volatile Producer<byte[], byte[]> producer;

    public DeadLetters(Supplier<Producer<byte[], byte[]>> producerFactory, TopicProvisioner topics,
            MeterRegistry meters, Duration timeout) {
        this.producerFactory = producerFactory;
        this.topics = topics;
        this.meters = meters;
        this.timeout = timeout;
    }

    /** Sends {@code record} to {@code group}'s dead-letter topic of its topic, with why it failed. */
    public void send(String group, PolledRecord record, Throwable cause) {
        String deadLetter = Topics.deadLetter(record.topic(), group);
        ProducerRecord<byte[], byte[]> letter = new ProducerRecord<>(deadLetter, null, record.key(), record.value());
        record.headers().forEach((name, value) -> letter.headers().add(name, value));
        letter.headers()
                .add(header(KafkaMessageChannelBinder.X_ORIGINAL_TOPIC, utf8(record.topic())))
                .add(header(KafkaMessageChannelBinder.X_ORIGINAL_PARTITION,
                        ByteBuffer.allocate(Integer.BYTES).putInt(record.partition()).array()))
                .add(header(KafkaMessageChannelBinder.X_ORIGINAL_OFFSET,
                        ByteBuffer.allocate(Long.BYTES).putLong(record.offset()).array()))
                .add(header(KafkaMessageChannelBinder.X_ORIGINAL_TIMESTAMP,
                        ByteBuffer.allocate(Long.BYTES).putLong(record.timestamp()).array()))
                .add(header(KafkaMessageChannelBinder.X_ORIGINAL_TIMESTAMP_TYPE, utf8(record.timestampType())))
                .add(header(KafkaMessageChannelBinder.X_EXCEPTION_FQCN, utf8(cause.getClass().getName())))
                .add(header(KafkaMessageChannelBinder.X_EXCEPTION_MESSAGE, utf8(message(cause))))
                .add(header(KafkaMessageChannelBinder.X_EXCEPTION_STACKTRACE, utf8(stackTrace(cause))));
        try {
            topics.ensure(deadLetter);
            producer().send(letter).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not send " + record.topic() + "-" + record.partition() + "@"
                    + record.offset() + " to " + deadLetter + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending to " + deadLetter, e);
        }
        meters.counter(DeadLetterMetrics.METER, "topic", record.topic(), "group", group).increment();
        log.warn("{} gave up on {}-{}@{}, sent to {}: {}", group, record.topic(), record.partition(), record.offset(),
                deadLetter, message(cause));
    }

    private Producer<byte[], byte[]> producer() {
        Producer<byte[], byte[]> made = producer;
        if (made == null) {
            synchronized (this) {
                if (producer == null) {
                    producer = producerFactory.get();
                }
                made = producer;
            }
        }
        return made;
    }

    /** The failure's message and its cause's, as the binder writes {@code x-exception-message}. */
    static String message(Throwable cause) {
        String message = cause.getMessage();
        Throwable inner = cause.getCause();
        if (inner != null && inner != cause && inner.getMessage() != null
                && (message == null || !message.contains(inner.getMessage()))) {
            message = message == null ? inner.getMessage() : message + "; " + inner.getMessage();
        }
        return message == null ? cause.getClass().getName() : message;
    }

    private static String stackTrace(Throwable cause) {
        StringWriter text = new StringWriter();
        cause.printStackTrace(new PrintWriter(text));
        return text.toString();
    }

    private static RecordHeader header(String name, byte[] value) {
        return new RecordHeader(name, value);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        Producer<byte[], byte[]> made = producer;
        if (made != null) {
            made.close(Duration.ofMillis(500));
        }
        topics.close();
    }
}
