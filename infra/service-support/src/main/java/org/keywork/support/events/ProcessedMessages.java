package org.keywork.support.events;

import java.time.Clock;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * Per consumer group, the ids of the events it has handled (collection {@value #COLLECTION}). A handler's effect
 * is idempotent on its own; this record lets redeliveries skip the work entirely and makes them visible.
 */
public class ProcessedMessages {

    public static final String COLLECTION = "processed_messages";

    private final MongoTemplate mongo;
    private final Clock clock;

    public ProcessedMessages(MongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    public boolean contains(String consumerGroup, String eventId) {
        return mongo.findById(id(consumerGroup, eventId), ProcessedMessage.class, COLLECTION) != null;
    }

    public void add(String consumerGroup, String eventId, String type) {
        try {
            mongo.insert(new ProcessedMessage(id(consumerGroup, eventId), consumerGroup, type, clock.instant()),
                    COLLECTION);
        } catch (DuplicateKeyException alreadyThere) {
            // a concurrent redelivery recorded it first: same outcome
        }
    }

    private static String id(String consumerGroup, String eventId) {
        return consumerGroup + ":" + eventId;
    }

    @Document(COLLECTION)
    record ProcessedMessage(@Id String id, String consumerGroup, String type, java.time.Instant processedAt) {
    }
}
