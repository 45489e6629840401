package org.keywork.support.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.keywork.support.KeyworkServiceAutoConfiguration;
import org.keywork.support.events.OutboxCollection;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.messaging.SubscribableChannel;

/** The operational meters every Keywork service adds to Spring's and the binder's: outbox backlog, dead letters. */
@AutoConfiguration(after = KeyworkServiceAutoConfiguration.class)
public class KeyworkMetricsAutoConfiguration {

    @Bean
    OutboxBacklogMetrics outboxBacklogMetrics(MongoTemplate mongo, List<OutboxCollection> collections, Clock clock,
            @Value("${keywork.metrics.outbox-refresh:10s}") Duration refresh,
            @Value("${keywork.metrics.outbox-sample:1000}") int sampleSize) {
        return new OutboxBacklogMetrics(mongo, collections, clock, refresh, sampleSize);
    }

    @Bean
    DeadLetterMetrics deadLetterMetrics(MeterRegistry meters,
            @Qualifier("errorChannel") ObjectProvider<SubscribableChannel> errorChannel) {
        return new DeadLetterMetrics(meters, errorChannel);
    }
}
