package org.keywork.support.events;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/**
 * Declares a MongoDB collection whose documents carry an embedded outbox for {@link OutboxRelay} to drain, and owns
 * the read-only queries on its backlog. Each is served by the pending marker's sparse unique index
 * ({@value EventOutbox#PENDING}, created by {@link OutboxRelay} on every outbox collection): only the documents that
 * have something to publish are ever read.
 */
public record OutboxCollection(String name) {

    /** Documents with a pending marker: a prefix match on the marker, answered by its sparse index alone. */
    public static Criteria pending() {
        return Criteria.where(EventOutbox.PENDING).regex("^");
    }

    /** How many documents have events not yet published (an index count). */
    public long countPending(MongoOperations mongo) {
        return mongo.count(Query.query(pending()), name);
    }

    /**
     * The events waiting in at most {@code limit} documents with a pending marker: how many, and when the oldest of
     * them occurred. Reads only those documents, and of them only each event's {@code occurredAt}.
     */
    public Backlog samplePending(MongoOperations mongo, int limit) {
        Query query = Query.query(pending()).limit(limit);
        query.fields().include(EventOutbox.FIELD + ".occurredAt");
        List<Document> documents = mongo.find(query, Document.class, name);
        long events = 0;
        Instant oldest = null;
        for (Document document : documents) {
            Object outbox = document.get(EventOutbox.FIELD);
            if (!(outbox instanceof List<?> entries)) {
                continue;
            }
            events += entries.size();
            for (Object entry : entries) {
                Instant occurredAt = entry instanceof Document event ? occurredAt(event.get("occurredAt")) : null;
                if (occurredAt != null && (oldest == null || occurredAt.isBefore(oldest))) {
                    oldest = occurredAt;
                }
            }
        }
        return new Backlog(documents.size(), events, oldest);
    }

    private static Instant occurredAt(Object value) {
        if (value instanceof Date date) {
            return date.toInstant();
        }
        return value instanceof Instant instant ? instant : null;
    }

    /**
     * What {@link #samplePending} read.
     *
     * @param documents documents read (at most the limit)
     * @param events    events waiting in them
     * @param oldest    when the oldest of those events occurred; null when none is waiting
     */
    public record Backlog(int documents, long events, Instant oldest) {
    }
}
