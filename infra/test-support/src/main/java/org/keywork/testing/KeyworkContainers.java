package org.keywork.testing;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.mongodb.MongoDBContainer;

/**
 * Real MongoDB (single-node replica set) and Kafka (KRaft) images, as docker-compose runs them, for tests annotated
 * {@code @Testcontainers(disabledWithoutDocker = true)}: where no Docker engine runs, those tests are skipped.
 * The containers start once per JVM and are shared by every test class that asks for them.
 */
public final class KeyworkContainers {

    public static final String MONGO_IMAGE = "mongo:8.0";
    public static final String KAFKA_IMAGE = "apache/kafka:4.1.2";

    private static MongoDBContainer mongo;
    private static KafkaContainer kafka;

    private KeyworkContainers() {
    }

    /** Starts both containers if needed and points the service's MongoDB database and Kafka binder at them. */
    public static synchronized void register(DynamicPropertyRegistry registry, String database) {
        if (mongo == null) {
            mongo = new MongoDBContainer(MONGO_IMAGE);
            mongo.start();
            kafka = new KafkaContainer(KAFKA_IMAGE);
            kafka.start();
        }
        registry.add("spring.mongodb.uri", () -> mongo.getReplicaSetUrl(database));
        registry.add("spring.cloud.stream.kafka.binder.brokers", kafka::getBootstrapServers);
    }

    public static synchronized String kafkaBrokers() {
        if (kafka == null) {
            throw new IllegalStateException("containers not started: call register first");
        }
        return kafka.getBootstrapServers();
    }
}
