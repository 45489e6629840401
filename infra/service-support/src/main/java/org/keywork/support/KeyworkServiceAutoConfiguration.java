package org.keywork.support;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.keywork.support.clock.BusinessClockConfiguration;
import org.keywork.support.events.BatchErrorHandling;
import org.keywork.support.events.DeadLetters;
import org.keywork.support.events.EventCodec;
import org.keywork.support.events.InboundEvents;
import org.keywork.support.events.OutboxCollection;
import org.keywork.support.events.OutboxRelay;
import org.keywork.support.events.EventOutbox;
import org.keywork.support.events.ProcessedMessages;
import org.keywork.support.events.TopicProvisioner;
import org.keywork.support.store.DocumentStore;
import org.keywork.support.store.StoreIndexes;
import org.keywork.support.store.StoreRetention;
import org.keywork.support.web.ApiDocumentation;
import org.keywork.support.web.WholeResponseFilter;
import org.keywork.support.web.LoadSheddingFilter;
import org.keywork.support.web.NoStoreFilter;
import org.keywork.support.web.StrictJson;
import org.keywork.support.web.RequestBodyLimitFilter;
import org.keywork.support.web.WebSupport;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.keywork.support.jobs.ClusterJobs;
import net.javacrumbs.shedlock.provider.mongo.MongoLockProvider;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.json.JsonMapper;

/** What every Keywork service runs with: event codec, outbox relay, idempotent inbound events, problem+json. */
@AutoConfiguration
@EnableScheduling
@Import({WebSupport.class, BusinessClockConfiguration.class, ApiDocumentation.class})
public class KeyworkServiceAutoConfiguration {

    @Bean
    EventCodec eventCodec(JsonMapper json, @Value("${spring.application.name}") String source, Clock clock) {
        return new EventCodec(json, source, clock);
    }

    @Bean
    ProcessedMessages processedMessages(MongoTemplate mongo,
            @Value("${keywork.events.processed-retention:8d}") Duration retention) {
        return new ProcessedMessages(mongo, Clock.systemUTC(), retention);
    }

    @Bean
    StoreIndexes storeIndexes(MongoTemplate mongo, ObjectProvider<DocumentStore> stores) {
        return new StoreIndexes(mongo, stores);
    }

    /** Scheduled jobs once per cluster: ShedLock's MongoDB provider on the service's own database. */
    @Bean
    ClusterJobs clusterJobs(MongoTemplate mongo, MeterRegistry meters) {
        return new ClusterJobs(new MongoLockProvider(mongo.getDb().getCollection(ClusterJobs.COLLECTION)), meters,
                Clock.systemUTC());
    }

    @Bean
    StoreRetention storeRetention(ObjectProvider<DocumentStore> stores, ClusterJobs jobs) {
        return new StoreRetention(stores, jobs);
    }

    @Bean
    EventOutbox.Marker outboxMarker() {
        return new EventOutbox.Marker();
    }

    @Bean
    InboundEvents inboundEvents(EventCodec codec, ProcessedMessages processed, MeterRegistry meters,
            DeadLetters deadLetters) {
        return new InboundEvents(codec, processed, meters, deadLetters);
    }

    /**
     * Dead letters of batch bindings, one record at a time, on a producer of their own (made at the first dead
     * letter) with the binder's producer properties.
     */
    @Bean
    DeadLetters deadLetters(Environment environment, MeterRegistry meters,
            @Value("${spring.cloud.stream.kafka.binder.brokers}") String brokers,
            @Value("${spring.cloud.stream.kafka.binder.min-partition-count:1}") int partitions,
            @Value("${spring.cloud.stream.kafka.binder.replication-factor:-1}") short replicationFactor,
            @Value("${keywork.outbox.send-timeout:20s}") Duration sendTimeout) {
        Map<String, Object> config = producerConfig(environment, brokers, "-dead-letters");
        return new DeadLetters(() -> new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer()),
                new TopicProvisioner(brokers, partitions, replicationFactor), meters, sendTimeout);
    }

    /** Record-by-record retries and dead letters for bindings in batch mode (see {@link BatchErrorHandling}). */
    @Bean
    BatchErrorHandling batchErrorHandling(DeadLetters deadLetters) {
        return new BatchErrorHandling(deadLetters);
    }

    /** The binder's producer properties ({@code acks=all}, idempotence, time-outs) for a producer of our own. */
    private static Map<String, Object> producerConfig(Environment environment, String brokers, String clientSuffix) {
        Map<String, Object> config = new HashMap<>(Binder.get(environment)
                .bind("spring.cloud.stream.kafka.binder.producer-properties", Bindable.mapOf(String.class,
                        String.class)).orElse(Map.of()));
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
        config.putIfAbsent(ProducerConfig.ACKS_CONFIG, "all");
        config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, environment.getProperty("spring.application.name",
                "keywork") + clientSuffix);
        return config;
    }

    /**
     * The relay's own producer: the binder's producer properties ({@code acks=all}, idempotence, time-outs), sends
     * batched for a few milliseconds. Keys and values are bytes: the relay sends what the outbox holds.
     */
    @Bean
    OutboxRelay outboxRelay(MongoTemplate mongo, MeterRegistry meters, Clock clock, Environment environment,
            List<OutboxCollection> collections, ClusterJobs jobs,
            @Value("${spring.cloud.stream.kafka.binder.brokers}") String brokers,
            @Value("${spring.cloud.stream.kafka.binder.min-partition-count:1}") int partitions,
            @Value("${spring.cloud.stream.kafka.binder.replication-factor:-1}") short replicationFactor,
            @Value("${keywork.outbox.batch-size:500}") int batchSize,
            @Value("${keywork.outbox.sweep-grace:3s}") Duration sweepGrace,
            @Value("${keywork.outbox.send-timeout:20s}") Duration sendTimeout) {
        Map<String, Object> config = producerConfig(environment, brokers, "-outbox");
        config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, "5");
        KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config, new ByteArraySerializer(),
                new ByteArraySerializer());
        return new OutboxRelay(mongo, producer, new TopicProvisioner(brokers, partitions, replicationFactor), meters,
                clock, collections, new OutboxRelay.Settings(batchSize, sweepGrace, sendTimeout), jobs);
    }

    /**
     * Sheds load with 503 + Retry-After once {@code keywork.http.max-concurrent} requests run and
     * {@code keywork.http.max-queued} wait (up to {@code keywork.http.max-wait}); first of all filters, so that a
     * shed request costs nothing.
     */
    @Bean
    @ConditionalOnProperty(name = "keywork.http.shedding", havingValue = "true", matchIfMissing = true)
    FilterRegistrationBean<LoadSheddingFilter> loadSheddingFilter(JsonMapper json, MeterRegistry meters,
            @Value("${keywork.http.max-concurrent:64}") int maxConcurrent,
            @Value("${keywork.http.max-queued:128}") int maxQueued,
            @Value("${keywork.http.max-wait:2s}") Duration maxWait) {
        FilterRegistrationBean<LoadSheddingFilter> registration = new FilterRegistrationBean<>(
                new LoadSheddingFilter(maxConcurrent, maxQueued, maxWait, json, meters));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /** Request bodies (and events) are read without coercion: {@link StrictJson}. */
    @Bean
    JsonMapperBuilderCustomizer strictJson() {
        return StrictJson::apply;
    }

    @Bean
    FilterRegistrationBean<NoStoreFilter> noStoreFilter() {
        FilterRegistrationBean<NoStoreFilter> registration = new FilterRegistrationBean<>(new NoStoreFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }

    /** Right after load shedding: everything behind it, problems included, answers a write in one piece. */
    @Bean
    FilterRegistrationBean<WholeResponseFilter> wholeResponseFilter() {
        FilterRegistrationBean<WholeResponseFilter> registration = new FilterRegistrationBean<>(
                new WholeResponseFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
        return registration;
    }

    @Bean
    FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimitFilter(JsonMapper json,
            @Value("${keywork.http.max-body-size:64KB}") DataSize limit,
            @Value("${keywork.http.max-upload-size:2MB}") DataSize uploadLimit,
            @Value("${keywork.http.upload-paths:}") List<String> uploadPaths) {
        FilterRegistrationBean<RequestBodyLimitFilter> registration = new FilterRegistrationBean<>(
                new RequestBodyLimitFilter(limit, uploadLimit, uploadPaths, json));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }
}
