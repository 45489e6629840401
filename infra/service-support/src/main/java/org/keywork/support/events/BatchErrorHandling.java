package org.keywork.support.events;

import org.springframework.cloud.stream.binder.ExtendedConsumerProperties;
import org.springframework.cloud.stream.binder.kafka.KafkaListenerContainerCustomizer;
import org.springframework.cloud.stream.binder.kafka.properties.KafkaConsumerProperties;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Retries and dead letters for bindings in batch mode, record by record. The binder retries only single-record
 * bindings, and its dead-letter handler would send a failed batch's whole poll to the dead-letter topic; such a
 * binding sets {@code enable-dlq: false} and gets this instead: a record named by a
 * {@link org.springframework.kafka.listener.BatchListenerFailedException} (see
 * {@link InboundEvents#handleIdempotentBatch}) is retried with the binding's back-off ({@code max-attempts},
 * {@code back-off-initial-interval}, {@code back-off-multiplier}, {@code back-off-max-interval}) after the records
 * before it are committed; then it goes to the group's dead-letter topic ({@link DeadLetters}) and the records after
 * it are consumed. A {@link PoisonEventException} is not retried. Single-record bindings are left to the binder.
 */
public class BatchErrorHandling implements KafkaListenerContainerCustomizer {

    private static final String ANONYMOUS = "anonymous.";

    private final DeadLetters deadLetters;

    public BatchErrorHandling(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    @Override
    public void configure(AbstractMessageListenerContainer<?, ?> container, String destinationName, String group,
            ExtendedConsumerProperties<KafkaConsumerProperties> properties) {
        if (!properties.isBatchMode() || group == null || group.isBlank() || group.startsWith(ANONYMOUS)) {
            return; // an anonymous group (each instance's own) has no dead-letter topic; the binder's default stays
        }
        // retries counted, not time elapsed (spring-kafka's ExponentialBackOffWithMaxRetries derives a time limit)
        ExponentialBackOff backOff = new ExponentialBackOff(properties.getBackOffInitialInterval(),
                properties.getBackOffMultiplier());
        backOff.setMaxInterval(properties.getBackOffMaxInterval());
        backOff.setMaxAttempts(Math.max(0, properties.getMaxAttempts() - 1));
        DefaultErrorHandler errors = new DefaultErrorHandler(
                (record, failure) -> deadLetters.send(group, PolledRecord.of(record), cause(failure)), backOff);
        errors.addNotRetryableExceptions(PoisonEventException.class);
        container.setCommonErrorHandler(errors);
    }

    /** What failed, without the container's and the binder's wrappers around it. */
    private static Throwable cause(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause
                && (cause instanceof org.springframework.kafka.listener.ListenerExecutionFailedException
                        || cause instanceof org.springframework.messaging.MessagingException
                        || cause instanceof org.springframework.kafka.listener.BatchListenerFailedException)) {
            cause = cause.getCause();
        }
        return cause;
    }
}
