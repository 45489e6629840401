package org.keywork.stack;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The parts of the local stack, in start order. Each part runs in its own JVM, recognisable by
 * {@code -Dkeywork.part=<id>} on its command line.
 */
public enum Part {
    KAFKA("kafka", "Kafka", "KEYWORK_KAFKA_PORT", 9092, null),
    MONGO("mongo", "MongoDB", "KEYWORK_MONGO_PORT", 27017, null),
    GOAL("goal-service", "goal-service", "KEYWORK_GOAL_PORT", 8081, "goal"),
    PROJECT("project-service", "project-service", "KEYWORK_PROJECT_PORT", 8082, "project"),
    PROGRESS("progress-service", "progress-service", "KEYWORK_PROGRESS_PORT", 8083, "progress"),
    NOTIFICATION("notification-service", "notification-service", "KEYWORK_NOTIFICATION_PORT", 8084, "notification"),
    GATEWAY("gateway", "gateway", "KEYWORK_GATEWAY_PORT", 8080, null);

    /** Kafka and MongoDB: what a service needs to run from an IDE. */
    public static final List<Part> INFRASTRUCTURE = List.of(KAFKA, MONGO);
    /** Everything, in start order. */
    public static final List<Part> ALL = List.of(values());

    private final String id;
    private final String displayName;
    private final String portEnv;
    private final int defaultPort;
    private final String databaseShortName;

    Part(String id, String displayName, String portEnv, int defaultPort, String databaseShortName) {
        this.id = id;
        this.displayName = displayName;
        this.portEnv = portEnv;
        this.defaultPort = defaultPort;
        this.databaseShortName = databaseShortName;
    }

    /** Stable name: log file, pid file and {@code -Dkeywork.part} value. */
    public String id() {
        return id;
    }

    public String displayName() {
        return displayName;
    }

    public String portEnv() {
        return portEnv;
    }

    public int defaultPort() {
        return defaultPort;
    }

    /** A Spring Boot service (or the gateway), started from its module's jar. */
    public boolean isService() {
        return this != KAFKA && this != MONGO;
    }

    /** Maven module directory, relative to the repository root (services only). */
    public String module() {
        if (!isService()) {
            throw new IllegalStateException(id + " is not built from a service module");
        }
        return id;
    }

    /** MongoDB database of a service: {@code keywork-<short>}; empty for parts without one. */
    public Optional<String> database() {
        return Optional.ofNullable(databaseShortName).map(s -> "keywork-" + s);
    }

    public static Optional<Part> byId(String id) {
        return Arrays.stream(values()).filter(p -> p.id.equals(id)).findFirst();
    }
}
