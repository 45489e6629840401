package org.keywork.events;

import com.fasterxml.jackson.annotation.JsonIgnore;

/** An event about one plan item: it is keyed by the item id, so all events of an item stay in order. */
public interface ItemEvent extends IntegrationEvent {

    /** {@code S.N}. */
    String itemId();

    @Override
    @JsonIgnore
    default String partitionKey() {
        return itemId();
    }
}
