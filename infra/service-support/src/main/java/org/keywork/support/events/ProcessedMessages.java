package org.keywork.support.events;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.keywork.support.store.DocumentStore;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.annotation.Id;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.index.IndexDefinition;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/**
 * Per consumer group, the ids of the events it has handled (collection {@value #COLLECTION}, {@code _id} =
 * {@code group:eventId}). A handler's effect is idempotent on its own; this record lets redeliveries skip the work
 * entirely and makes them visible. A record is kept as long as Kafka may redeliver its event (the topics' retention,
 * {@code keywork.events.processed-retention}, 8 days by default) and then purged by {@link
 * org.keywork.support.store.StoreRetention}. Times are real time, whatever the business clock says.
 */
public class ProcessedMessages extends DocumentStore {

    public static final String COLLECTION = "processed_messages";
    static final String PROCESSED_AT = "processedAt";

    private final Clock realClock;
    private final Duration retention;

    public ProcessedMessages(MongoTemplate mongo, Clock realClock, Duration retention) {
        super(mongo, COLLECTION);
        this.realClock = realClock;
        this.retention = retention;
    }

    @Override
    public List<IndexDefinition> indexes() {
        return List.of(new Index(PROCESSED_AT, Sort.Direction.ASC).named("processedAt"));
    }

    public boolean contains(String consumerGroup, String eventId) {
        return mongo.findById(id(consumerGroup, eventId), ProcessedMessage.class, COLLECTION) != null;
    }

    /** Which of {@code eventIds} the group has handled already: one query for a whole batch. */
    public Set<String> handledAmong(String consumerGroup, Collection<String> eventIds) {
        if (eventIds.isEmpty()) {
            return Set.of();
        }
        List<String> ids = eventIds.stream().map(eventId -> id(consumerGroup, eventId)).toList();
        Query query = Query.query(Criteria.where("_id").in(ids));
        query.fields().include("_id");
        String prefix = consumerGroup + ":";
        return mongo.find(query, org.bson.Document.class, COLLECTION).stream()
                .map(document -> document.getString("_id").substring(prefix.length()))
                .collect(Collectors.toSet());
    }

    public void add(String consumerGroup, String eventId, String type) {
        try {
            mongo.insert(new ProcessedMessage(id(consumerGroup, eventId), consumerGroup, type,
                    realClock.instant()), COLLECTION);
        } catch (DuplicateKeyException alreadyThere) {
            // a concurrent redelivery recorded it first: same outcome
        }
    }

    @Override
    public long purgeExpired(Instant now, int limit) {
        return deleteBatch(Query.query(Criteria.where(PROCESSED_AT).lt(now.minus(retention))), limit);
    }

    private static String id(String consumerGroup, String eventId) {
        return consumerGroup + ":" + eventId;
    }

    @Document(COLLECTION)
    record ProcessedMessage(@Id String id, String consumerGroup, String type, Instant processedAt) {
    }
}
