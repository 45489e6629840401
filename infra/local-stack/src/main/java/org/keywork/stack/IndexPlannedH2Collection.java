package org.keywork.stack;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

import org.h2.mvstore.MVMap;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.bson.Document;

/**
 * An H2 collection that uses an index for a query that has more conditions than the index's keys, as MongoDB does.
 *
 * <p>mongo-java-server uses an index only when a query names exactly the index's fields: {@code {_id: x}} is a lookup,
 * but {@code {_id: x, revision: 3}} (every compare-and-set), {@code {_id: x, status: "OPEN"}} or {@code {_id: x,
 * outbox: {$size: 0}}} read every document of the collection, so each such write got slower with every document
 * stored. Here, when no index takes the whole query, an index whose fields (or leading fields) appear in it with a
 * value it can look up narrows the documents to read, and the whole query is then matched against those: the same
 * answer, read from one document instead of all of them.
 */
final class IndexPlannedH2Collection extends H2Collection {

    private final BiConsumer<String, Document> onFullScan;
    private final QueryListener onQuery;

    /** Told of every query: its collection, its conditions and how long it took to answer. */
    interface QueryListener {
        void accept(String collection, Document query, long nanos);
    }

    IndexPlannedH2Collection(MongoDatabase database, String collectionName, CollectionOptions options,
            MVMap<Object, Document> dataMap, MVMap<String, Object> metaMap, CursorRegistry cursorRegistry,
            BiConsumer<String, Document> onFullScan, QueryListener onQuery) {
        super(database, collectionName, options, dataMap, metaMap, cursorRegistry);
        this.onFullScan = onFullScan;
        this.onQuery = onQuery;
    }

    @Override
    protected QueryResult queryDocuments(Document query, Document orderBy, int numberToSkip, int limit,
            int batchSize, Document fieldSelector) {
        long begin = System.nanoTime();
        QueryResult result = plannedQuery(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
        onQuery.accept(getCollectionName(), query, System.nanoTime() - begin);
        return result;
    }

    private QueryResult plannedQuery(Document query, Document orderBy, int numberToSkip, int limit,
            int batchSize, Document fieldSelector) {
        Iterable<Object> ordered = query == null ? null : orderedPositions(query, orderBy, limit);
        if (ordered != null) {
            return matchDocuments(query, ordered, null, numberToSkip, limit, batchSize, fieldSelector);
        }
        if (query != null && !query.isEmpty() && getIndexes().stream().noneMatch(index -> index.canHandle(query))) {
            for (Index<Object> index : getIndexes()) {
                Document narrowed = narrowed(index, query);
                if (narrowed != null) {
                    return matchDocuments(query, index.getPositions(narrowed), orderBy, numberToSkip, limit,
                            batchSize, fieldSelector);
                }
            }
        }
        if (query == null || getIndexes().stream().noneMatch(index -> index.canHandle(query))) {
            onFullScan.accept(getCollectionName(), query);
        }
        return super.queryDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
    }

    /**
     * For a query with a limit sorted by one field that a unique index ranges the query's prefix condition on: the
     * positions in the sort's order, read as the documents are matched, so that the answer stops at the limit (an item's
     * latest values read a few keys, not its whole history); null otherwise.
     */
    private Iterable<Object> orderedPositions(Document query, Document orderBy, int limit) {
        if (limit <= 0 || orderBy == null || orderBy.size() != 1) {
            return null;
        }
        String field = orderBy.keySet().iterator().next();
        if (!(orderBy.get(field) instanceof Number direction) || Math.abs(direction.intValue()) != 1) {
            return null;
        }
        Object condition = conditions(query).get(field);
        if (getIndexes().stream().anyMatch(index -> index.canHandle(query) && !onlyOn(index, field))) {
            return null; // another index looks the whole query up (an _id, say): fewer documents to read
        }
        for (Index<Object> index : getIndexes()) {
            if (index instanceof PrefixRangeUniqueIndex ranged && onlyOn(index, field)) {
                Iterable<Object> positions = ranged.orderedPositions(condition, direction.intValue() < 0);
                if (positions != null) {
                    return positions;
                }
            }
        }
        return null;
    }

    private static boolean onlyOn(Index<Object> index, String field) {
        return index.getKeys().size() == 1 && index.getKeys().get(0).getKey().equals(field);
    }

    /**
     * The query's conditions on the index's fields alone that the index can look up: the longest run of its leading
     * fields the query names (a compound index serves its leading fields), shortened until the index takes it (a
     * condition it cannot look up, such as {@code status: {$in: …}} on a non-unique index, ends the run, as MongoDB
     * would then read the index's range of the fields before it); null when no run is taken. A top-level {@code $and}
     * counts as its conditions (the Java driver's {@code Filters.and} writes one).
     */
    private static Document narrowed(Index<Object> index, Document query) {
        Document conditions = conditions(query);
        List<String> named = new ArrayList<>();
        for (IndexKey key : index.getKeys()) {
            if (!conditions.containsKey(key.getKey())) {
                break;
            }
            named.add(key.getKey());
        }
        for (int length = named.size(); length > 0; length--) {
            Document narrowed = new Document();
            named.subList(0, length).forEach(field -> narrowed.put(field, conditions.get(field)));
            if (index.canHandle(narrowed)) {
                return narrowed;
            }
        }
        return null;
    }

    /** The query's field conditions, with those of a top-level {@code $and} of documents brought up. */
    private static Document conditions(Document query) {
        if (!(query.get("$and") instanceof List<?> all)) {
            return query;
        }
        Document conditions = new Document();
        query.forEach((field, condition) -> {
            if (!field.equals("$and")) {
                conditions.put(field, condition);
            }
        });
        for (Object part : all) {
            if (part instanceof Document document) {
                // a field named twice keeps one of its conditions: any one narrows correctly
                conditions(document).forEach(conditions::putIfAbsent);
            }
        }
        return conditions;
    }
}
