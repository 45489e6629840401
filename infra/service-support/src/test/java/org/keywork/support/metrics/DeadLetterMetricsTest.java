package org.keywork.support.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keywork.support.events.PoisonEventException;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.integration.channel.PublishSubscribeChannel;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessagingException;
import org.springframework.messaging.SubscribableChannel;
import org.springframework.messaging.support.ErrorMessage;
import org.springframework.messaging.support.MessageBuilder;

class DeadLetterMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final PublishSubscribeChannel errorChannel = new PublishSubscribeChannel();

    @BeforeEach
    void subscribe() {
        StaticListableBeanFactory beans = new StaticListableBeanFactory(Map.of("errorChannel", errorChannel));
        new DeadLetterMetrics(registry, beans.getBeanProvider(SubscribableChannel.class)).afterSingletonsInstantiated();
    }

    @Test
    void countsAConsumedRecordGivenUpPerTopicAndGroup() {
        errorChannel.send(consumerError("keywork.progress.reports", "goal-service"));
        errorChannel.send(consumerError("keywork.progress.reports", "goal-service"));
        errorChannel.send(consumerError("keywork.plan.items", "progress-service"));

        assertThat(count("keywork.progress.reports", "goal-service")).isEqualTo(2);
        assertThat(count("keywork.plan.items", "progress-service")).isEqualTo(1);
    }

    @Test
    void ignoresAnonymousGroupsAndErrorsWithoutAConsumedRecord() {
        errorChannel.send(consumerError("keywork.plan.items", "anonymous.5f0c6a1e"));
        errorChannel.send(new ErrorMessage(new MessagingException(MessageBuilder.withPayload("x").build(), "send"),
                Map.of(KafkaHeaders.RAW_DATA, new ProducerRecord<>("keywork.plan.items", "x"))));
        errorChannel.send(MessageBuilder.withPayload("not an error").build());

        assertThat(registry.find(DeadLetterMetrics.METER).counters()).isEmpty();
    }

    private static ErrorMessage consumerError(String topic, String group) {
        Message<byte[]> failed = MessageBuilder.withPayload("{".getBytes())
                .setHeader(KafkaHeaders.GROUP_ID, group).build();
        return new ErrorMessage(new MessagingException(failed, new PoisonEventException("unreadable")),
                Map.of(KafkaHeaders.RAW_DATA, new ConsumerRecord<>(topic, 0, 42L, "key", "{")));
    }

    private double count(String topic, String group) {
        Counter counter = registry.get(DeadLetterMetrics.METER).tag("topic", topic).tag("group", group).counter();
        return counter.count();
    }
}
