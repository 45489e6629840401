package org.keywork.support.clock;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.keywork.events.BusinessClockSet;
import org.keywork.events.EventEnvelope;
import org.keywork.events.Topics;
import org.keywork.support.events.EventCodec;
import org.keywork.support.events.PoisonEventException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;

/**
 * Keeps this service's {@link SimulatedClock} in step with the latest {@link BusinessClockSet} on the compacted
 * topic {@value Topics#BUSINESS_CLOCK}: it reads the topic from its beginning at start and follows it after. Every
 * instance of every service reads all of it (no consumer group), so all judge time alike. A setting that arrives
 * while running is announced inside the service as {@link BusinessClockChanged}.
 */
class BusinessClockFollower implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(BusinessClockFollower.class);

    private final SimulatedClock clock;
    private final EventCodec codec;
    private final String brokers;
    private final ApplicationEventPublisher events;
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private volatile Thread thread;
    private volatile boolean running;

    BusinessClockFollower(SimulatedClock clock, EventCodec codec, String brokers, ApplicationEventPublisher events) {
        this.clock = clock;
        this.codec = codec;
        this.brokers = brokers;
        this.events = events;
    }

    @Override
    public void start() {
        ensureTopic();
        consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ConsumerConfig.CLIENT_ID_CONFIG, "business-clock-" + UUID.randomUUID(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                // the clock rarely changes: an idle fetch waits at the broker, answered as soon as a record arrives
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 5000),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = partitions();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        catchUp(partitions);
        running = true;
        thread = new Thread(this::follow, "business-clock");
        thread.setDaemon(true);
        thread.start();
    }

    /** The topic's partitions; right after the topic is created the broker may need a moment to know them. */
    private List<TopicPartition> partitions() {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.BUSINESS_CLOCK, Duration.ofSeconds(5))
                    .stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            if (!partitions.isEmpty()) {
                return partitions;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the broker does not know the partitions of " + Topics.BUSINESS_CLOCK);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** Reads everything already on the topic before the service takes requests, so it starts at the right time. */
    private void catchUp(List<TopicPartition> partitions) {
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
            consumer.poll(Duration.ofMillis(200)).forEach(record -> apply(record, false));
        }
        log.info("Business clock is simulated; it reads {}", clock.instant().atZone(clock.getZone()));
    }

    private void follow() {
        try {
            while (running) {
                try {
                    consumer.poll(Duration.ofSeconds(5)).forEach(record -> apply(record, true));
                } catch (WakeupException stopping) {
                    throw stopping;
                } catch (RuntimeException e) {
                    log.warn("Business clock follower could not read {} (will retry): {}", Topics.BUSINESS_CLOCK,
                            e.toString());
                    pause();
                }
            }
        } catch (WakeupException stopping) {
            // stop() woke us
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    private static void pause() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void apply(ConsumerRecord<byte[], byte[]> record, boolean announce) {
        try {
            EventEnvelope<BusinessClockSet> envelope = codec.decode(record.value(), BusinessClockSet.class);
            if (envelope.is(BusinessClockSet.TYPE, BusinessClockSet.VERSION)) {
                BusinessClockSet set = envelope.payload();
                clock.set(set.businessTime(), set.realAt());
                log.info("Business clock set to {} by {} ({})", set.businessTime().atZone(clock.getZone()),
                        set.setBy(), set.reason());
                if (announce) {
                    events.publishEvent(new BusinessClockChanged(clock.instant()));
                }
            }
        } catch (PoisonEventException e) {
            log.warn("Ignoring unreadable business clock record at offset {}: {}", record.offset(), e.getMessage());
        }
    }

    private void ensureTopic() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers))) {
            admin.createTopics(List.of(new NewTopic(Topics.BUSINESS_CLOCK, 1, (short) -1)
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT))))
                    .all().get();
        } catch (java.util.concurrent.ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create " + Topics.BUSINESS_CLOCK, e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void stop() {
        running = false;
        KafkaConsumer<byte[], byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
