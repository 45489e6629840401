package org.keywork.events;

import com.fasterxml.jackson.annotation.JsonIgnore;

/** A payload that can travel in an {@link EventEnvelope}: it names its type, its schema version and its key. */
public interface IntegrationEvent {

    @JsonIgnore
    String eventType();

    @JsonIgnore
    int eventVersion();

    /** The plan item id ({@code S.N}); all events of one item share a partition and stay in order. */
    @JsonIgnore
    String partitionKey();
}
