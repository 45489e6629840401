package org.keywork.support.events;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Makes sure a topic exists, with the binder's partition count, before the relay first sends to it (as the binder
 * does for its own bindings): a topic the broker created on its own would get the broker's default of one partition.
 * Each topic is checked once per instance; a failure (broker down) is not remembered, so the next send tries again.
 */
public class TopicProvisioner implements AutoCloseable {

    private final Map<String, Object> adminConfig;
    private final int partitions;
    private final Optional<Short> replicationFactor;
    private final Set<String> ensured = ConcurrentHashMap.newKeySet();
    private volatile Admin admin;

    public TopicProvisioner(String brokers, int partitions, short replicationFactor) {
        this.adminConfig = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        this.partitions = Math.max(1, partitions);
        this.replicationFactor = replicationFactor > 0 ? Optional.of(replicationFactor) : Optional.empty();
    }

    /** Creates {@code topic} unless this instance has seen it exist already. */
    public void ensure(String topic) {
        if (ensured.contains(topic)) {
            return;
        }
        try {
            admin().createTopics(List.of(new NewTopic(topic, Optional.of(partitions), replicationFactor))).all()
                    .get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create topic " + topic + ": " + e.getCause(), e.getCause());
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException("cannot create topic " + topic + ": broker did not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topic " + topic, e);
        }
        ensured.add(topic);
    }

    private Admin admin() {
        if (admin == null) {
            synchronized (this) {
                if (admin == null) {
                    admin = Admin.create(adminConfig);
                }
            }
        }
        return admin;
    }

    @Override
    public void close() {
        if (admin != null) {
            admin.close(Duration.ofMillis(500));
        }
    }
}
