package org.keywork.support.store;

import java.time.Instant;
import java.util.List;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.IndexDefinition;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * The one class that touches one MongoDB collection: it owns the collection's field names and queries, declares the
 * indexes those queries need ({@link #indexes()}, created at start-up by {@link StoreIndexes}), purges what its
 * retention no longer keeps ({@link #purgeExpired}, run by {@link StoreRetention}), and changes a document only
 * through {@link #compareAndSet}. Nothing else reads or writes the collection.
 *
 * <p>Every query a store makes is served by one of its declared indexes on a real MongoDB (a Testcontainers test
 * runs {@code explain()} on each); the embedded wire server used locally builds only unique indexes, so a store's
 * hot reads are kept off non-{@code _id} queries altogether (in-memory read models, ids known in advance).
 */
public abstract class DocumentStore {

    /** Every revisioned document keeps its revision here. */
    public static final String REVISION = "revision";

    protected final MongoTemplate mongo;
    private final String collection;

    protected DocumentStore(MongoTemplate mongo, String collection) {
        this.mongo = mongo;
        this.collection = collection;
    }

    public final String collection() {
        return collection;
    }

    /** The indexes this store's queries need, besides {@code _id}. */
    public List<IndexDefinition> indexes() {
        return List.of();
    }

    /**
     * Deletes what this store's retention no longer keeps, at most {@code limit} documents, and returns how many it
     * deleted; {@link StoreRetention} calls it again while it returns {@code limit}. Stores without retention keep
     * everything (their size is bounded by the plan, not by time).
     */
    public long purgeExpired(Instant now, int limit) {
        return 0;
    }

    /**
     * Applies {@code update} to the document if it still has {@code expectedRevision}, and moves its revision on:
     * the one compare-and-set of every store. False when someone changed the document meanwhile (or it is gone); the
     * caller reads again and decides again.
     */
    protected final boolean compareAndSet(Object id, long expectedRevision, Update update) {
        Query unchanged = Query.query(Criteria.where("_id").is(id).and(REVISION).is(expectedRevision));
        return mongo.updateFirst(unchanged, update.inc(REVISION, 1), collection).getModifiedCount() == 1;
    }

    /** Deletes up to {@code limit} documents matching {@code expired}, by id: bounded work, whatever has piled up. */
    protected final long deleteBatch(Query expired, int limit) {
        Query ids = expired.limit(limit);
        ids.fields().include("_id");
        List<Object> found = mongo.find(ids, org.bson.Document.class, collection).stream()
                .map(document -> document.get("_id")).toList();
        if (found.isEmpty()) {
            return 0;
        }
        return mongo.remove(Query.query(Criteria.where("_id").in(found)), collection).getDeletedCount();
    }
}
