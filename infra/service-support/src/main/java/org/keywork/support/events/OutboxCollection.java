package org.keywork.support.events;

/** Declares a MongoDB collection whose documents carry an embedded outbox for {@link OutboxRelay} to drain. */
public record OutboxCollection(String name) {
}
