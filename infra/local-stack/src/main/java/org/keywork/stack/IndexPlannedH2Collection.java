package org.keywork.stack;

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

    IndexPlannedH2Collection(MongoDatabase database, String collectionName, CollectionOptions options,
            MVMap<Object, Document> dataMap, MVMap<String, Object> metaMap, CursorRegistry cursorRegistry,
            BiConsumer<String, Document> onFullScan) {
        super(database, collectionName, options, dataMap, metaMap, cursorRegistry);
        this.onFullScan = onFullScan;
    }

    @Override
    protected QueryResult queryDocuments(Document query, Document orderBy, int numberToSkip, int limit,
            int batchSize, Document fieldSelector) {
        if (query != null && !query.isEmpty() && getIndexes().stream().noneMatch(index -> index.canHandle(query))) {
            for (Index<Object> index : getIndexes()) {
                Document narrowed = narrowed(index, query);
                if (narrowed != null && index.canHandle(narrowed)) {
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
     * The query's conditions on the index's fields alone, as far as the query names them in the index's order (a
     * compound index serves its leading fields), or null when it does not name the first; a top-level {@code $and}
     * counts as its conditions (the Java driver's {@code Filters.and} writes one).
     */
    private static Document narrowed(Index<Object> index, Document query) {
        Document conditions = conditions(query);
        Document narrowed = new Document();
        for (IndexKey key : index.getKeys()) {
            if (!conditions.containsKey(key.getKey())) {
                break;
            }
            narrowed.put(key.getKey(), conditions.get(key.getKey()));
        }
        return narrowed.isEmpty() ? null : narrowed;
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
