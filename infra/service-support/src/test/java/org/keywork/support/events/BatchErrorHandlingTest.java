package org.keywork.support.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.stream.binder.ExtendedConsumerProperties;
import org.springframework.cloud.stream.binder.kafka.properties.KafkaConsumerProperties;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;

/** Which containers get record-by-record dead letters, and that the record a batch handler names is the one sent. */
class BatchErrorHandlingTest {

    private final List<String> sent = new ArrayList<>();
    private final BatchErrorHandling handling = new BatchErrorHandling(
            new DeadLetters(() -> null, null, new SimpleMeterRegistry(), Duration.ofSeconds(1)) {
                @Override
                public void send(String group, PolledRecord record, Throwable cause) {
                    sent.add(group + " " + record.topic() + "@" + record.offset() + " " + cause.getMessage());
                }
            });

    @Test
    void onlyNamedGroupsInBatchModeGetIt() {
        assertThat(configured(true, "goal-service")).isNotNull();
        assertThat(configured(false, "goal-service")).isNull(); // the binder retries and dead-letters single records
        assertThat(configured(true, "anonymous.3f1c")).isNull(); // each instance's own group has no dead-letter topic
    }

    @Test
    void theRecordTheBatchHandlerNamedGoesToTheDeadLetterTopicAloneOnceItsAttemptsAreUsedUp() {
        CommonErrorHandler errors = configured(true, "goal-service", 1);
        TopicPartition partition = new TopicPartition("keywork.progress.reports", 0);
        List<ConsumerRecord<byte[], byte[]>> polled = List.of(
                new ConsumerRecord<>(partition.topic(), 0, 40, null, "a".getBytes()),
                new ConsumerRecord<>(partition.topic(), 0, 41, null, "b".getBytes()),
                new ConsumerRecord<>(partition.topic(), 0, 42, null, "c".getBytes()));
        ConsumerRecords<byte[], byte[]> records = new ConsumerRecords<>(Map.of(partition, polled), Map.of());
        @SuppressWarnings("unchecked")
        Consumer<byte[], byte[]> consumer = mock(Consumer.class);

        // the records after it are polled again: the handler tells the container so by throwing
        assertThatThrownBy(() -> errors.handleBatch(new BatchListenerFailedException("goal-service failed",
                new IllegalStateException("store down"), 1), records, consumer, container(), () -> { }))
                .isInstanceOf(KafkaException.class).hasMessage("Seek to current after exception");

        // the record before it committed, the one after it polled again, and it committed as done once sent
        verify(consumer).commitSync(Map.of(partition, new OffsetAndMetadata(41)), null);
        verify(consumer).seek(partition, 42);
        verify(consumer).commitSync(Map.of(partition, new OffsetAndMetadata(42)), null);
        assertThat(sent).containsExactly("goal-service keywork.progress.reports@41 store down");
    }

    private CommonErrorHandler configured(boolean batchMode, String group) {
        return configured(batchMode, group, 4);
    }

    private CommonErrorHandler configured(boolean batchMode, String group, int maxAttempts) {
        KafkaMessageListenerContainer<byte[], byte[]> container = container();
        ExtendedConsumerProperties<KafkaConsumerProperties> properties =
                new ExtendedConsumerProperties<>(new KafkaConsumerProperties());
        properties.setBatchMode(batchMode);
        properties.setMaxAttempts(maxAttempts);
        handling.configure(container, "keywork.progress.reports", group, properties);
        return container.getCommonErrorHandler();
    }

    private static KafkaMessageListenerContainer<byte[], byte[]> container() {
        return new KafkaMessageListenerContainer<>(new DefaultKafkaConsumerFactory<>(Map.of()),
                new ContainerProperties("keywork.progress.reports"));
    }
}
