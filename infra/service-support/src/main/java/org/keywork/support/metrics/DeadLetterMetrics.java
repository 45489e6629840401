package org.keywork.support.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.kafka.support.KafkaUtils;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHandler;
import org.springframework.messaging.MessagingException;
import org.springframework.messaging.SubscribableChannel;
import org.springframework.messaging.support.ErrorMessage;

/**
 * Counts the events this service's consumers gave up on: {@value #METER}, tagged with the topic the event came from
 * and the consumer group.
 *
 * <p>The Kafka binder sends such a message (a poison event at once, any other failure after its retries) as an error
 * message to the binding's error channel, where its dead-letter handler publishes the record to the group's
 * dead-letter topic ({@code enable-dlq}, {@code dlq-name}); that channel is bridged to the application's global
 * {@code errorChannel}, to which this handler subscribes. Only errors that carry the consumed record count, and not
 * those of anonymous groups (every instance's own group: the binder has no dead-letter topic for them).
 */
public class DeadLetterMetrics implements MessageHandler, SmartInitializingSingleton {

    public static final String METER = "keywork.events.dead-lettered";

    private static final String ANONYMOUS_GROUP = "anonymous.";

    private final MeterRegistry meters;
    private final ObjectProvider<SubscribableChannel> errorChannel;

    /** @param errorChannel the application's global {@code errorChannel}, when Spring Integration has one */
    public DeadLetterMetrics(MeterRegistry meters, ObjectProvider<SubscribableChannel> errorChannel) {
        this.meters = meters;
        this.errorChannel = errorChannel;
    }

    @Override
    public void afterSingletonsInstantiated() {
        errorChannel.ifAvailable(channel -> channel.subscribe(this));
    }

    @Override
    public void handleMessage(Message<?> message) {
        if (!(message instanceof ErrorMessage error)
                || !(error.getHeaders().get(KafkaHeaders.RAW_DATA) instanceof ConsumerRecord<?, ?> record)) {
            return;
        }
        String group = group(error);
        if (group.startsWith(ANONYMOUS_GROUP)) {
            return;
        }
        meters.counter(METER, "topic", record.topic(), "group", group).increment();
    }

    /** The group from the failed message's headers, else from the consumer thread this runs on. */
    private static String group(ErrorMessage error) {
        Object group = error.getPayload() instanceof MessagingException failure && failure.getFailedMessage() != null
                ? failure.getFailedMessage().getHeaders().get(KafkaHeaders.GROUP_ID) : null;
        if (group == null) {
            group = KafkaUtils.getConsumerGroupId();
        }
        return group == null ? "unknown" : group.toString();
    }
}
