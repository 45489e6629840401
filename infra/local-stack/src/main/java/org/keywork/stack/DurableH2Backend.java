package org.keywork.stack;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import org.h2.mvstore.MVMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.message.MongoQuery;
import io.netty.channel.Channel;

/**
 * The H2 (MVStore) backend, replying to a command only once what it changed is in the files.
 *
 * <p>{@link H2Backend} on its own leaves durability to MVStore's background auto-commit (every second by default),
 * so an acknowledged write could be lost if the server is killed within that second. Here every command runs through
 * {@link GroupCommit}: its reply goes out once its changes are in the write-ahead log or a commit of the store (in the
 * OS page cache: they survive {@code kill -9} of this process, not a power cut, as there is no fsync per write).
 * Concurrent commands share those writes, which is what makes many small writes per second affordable.
 *
 * <p>Commands run on the server's netty event-loop threads and block there until their group is written; the server
 * gets enough of those threads that each client connection normally has its own (see {@link MongoWireServer}).
 */
final class DurableH2Backend extends H2Backend {

    private static final Logger log = LoggerFactory.getLogger(DurableH2Backend.class);

    private final WireStore store;
    private final GroupCommit commits;
    /** Queries with conditions that read a whole collection, no index serving them (counted for tests). */
    private final AtomicLong fullScans = new AtomicLong();
    /** Index keys read to answer prefix queries ({@link PrefixRangeUniqueIndex}, counted for tests). */
    private final AtomicLong prefixKeysRead = new AtomicLong();
    /** The shapes of the full scans logged so far (each once). */
    private final Set<String> scanShapes = ConcurrentHashMap.newKeySet();

    /** The shapes of the slow queries logged, and when each was last logged. */
    private final Map<String, Long> slowShapes = new ConcurrentHashMap<>();
    private final long slowNanos = slowMillis(System.getenv("KEYWORK_STORE_SLOW_MS")) * 1_000_000L;

    DurableH2Backend(WireStore store) {
        super(store.mvStore());
        this.store = store;
        this.commits = store.commits();
    }

    @Override
    public Document handleCommand(Channel channel, String database, String command, Document query) {
        return commits.run(() -> {
            if ("hello".equalsIgnoreCase(command)) {
                return hello(channel, database, query);
            }
            Document count = CountThroughIndex.countCommand(command, query);
            if (count != null) {
                Document reply = super.handleCommand(channel, database, "count", count);
                return CountThroughIndex.cursorReply(database, query.get("aggregate"), reply);
            }
            return super.handleCommand(channel, database, command, query);
        });
    }

    @Override
    public QueryResult handleQuery(MongoQuery query) {
        return commits.run(() -> super.handleQuery(query));
    }

    /** How many queries with conditions read a whole collection, as no unique index could serve them. */
    long fullScans() {
        return fullScans.get();
    }

    /** How many index keys prefix queries have read ({@link PrefixRangeUniqueIndex}). */
    long prefixKeysRead() {
        return prefixKeysRead.get();
    }

    /** Counts keys read; the backend's constructor opens its indexes before the counter is set. */
    private void countPrefixKeysRead(long keys) {
        if (prefixKeysRead != null) {
            prefixKeysRead.addAndGet(keys);
        }
    }

    /**
     * Counts a scan, and logs the first of each shape (collection and queried fields), as MongoDB's {@code notablescan}
     * would name it: a query no index serves reads the whole collection, every time. The backend's constructor reads
     * its collections before the counter is set.
     */
    private void countFullScan(String collection, Document query) {
        if (fullScans == null) {
            return;
        }
        fullScans.incrementAndGet();
        String shape = collection + " " + (query == null ? "{}" : shape(query));
        if (!collection.startsWith("system.") && scanShapes.size() < 1000 && scanShapes.add(shape)) {
            log.warn("Full scan: no index serves {} (logged once per collection and fields)", shape);
        }
    }

    /** The queried fields of {@code query}, values left out. */
    private static String shape(Document query) {
        StringBuilder out = new StringBuilder("{");
        query.forEach((field, condition) -> {
            out.append(out.length() > 1 ? ", " : "").append(field);
            if (condition instanceof Document operators && operators.keySet().stream().allMatch(k -> k.startsWith("$"))) {
                out.append(": ").append(operators.keySet());
            } else if (condition instanceof List<?> parts && field.startsWith("$")) {
                out.append(": [").append(parts.stream().map(p -> p instanceof Document d ? shape(d) : "?")
                        .collect(Collectors.joining(", "))).append("]");
            }
        });
        return out.append("}").toString();
    }

    /**
     * Logs a query that took longer than {@code KEYWORK_STORE_SLOW_MS} (100 ms by default, MongoDB's {@code slowms}),
     * naming its collection and queried fields, at most once a minute for each of them.
     */
    private void timeQuery(String collection, Document query, long nanos) {
        if (slowShapes == null || nanos < slowNanos) {
            return; // the backend's constructor reads its collections before these fields are set
        }
        String shape = collection + " " + (query == null ? "{}" : shape(query));
        long now = System.nanoTime();
        Long last = slowShapes.get(shape);
        if ((last == null || now - last > 60_000_000_000L) && slowShapes.size() < 1000) {
            slowShapes.put(shape, now);
            log.warn("Slow query: {} took {} ms", shape, String.format(Locale.ROOT, "%.1f", nanos / 1e6));
        }
    }

    /** {@code KEYWORK_STORE_SLOW_MS}: whole milliseconds, 100 when unset or not a number. */
    static long slowMillis(String setting) {
        try {
            return setting == null || setting.isBlank() ? 100 : Math.max(0, Long.parseLong(setting.strip()));
        } catch (NumberFormatException e) {
            log.warn("KEYWORK_STORE_SLOW_MS={} is not a number of milliseconds: 100 ms", setting);
            return 100;
        }
    }

    /** Closes the store first: its housekeeping stops, a last commit, the log emptied. */
    @Override
    public void close() {
        store.close();
        super.close();
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return new TypedH2Database(databaseName);
    }

    /**
     * {@code hello} is the current name of {@code isMaster}; the wire server only knows the old one, and Spring Boot's
     * MongoDB health check sends the new one. A standalone server answers both alike.
     */
    private Document hello(Channel channel, String database, Document query) {
        Document reply = super.handleCommand(channel, database, "isMaster", query);
        reply.put("isWritablePrimary", reply.getOrDefault("ismaster", Boolean.TRUE));
        return reply;
    }

    /**
     * The H2 backend's database, its maps opened by {@link StoreMaps}: documents kept as BSON
     * ({@link BsonDocumentType}), unique-index keys compared without serializing them each time
     * ({@link IndexKeyType}), every change recorded in the {@link WriteAheadLog}.
     *
     * <p>{@link H2Database} opens its maps with MVStore's default types; opening a map that is already open returns
     * the open one, so each map is opened here first, under the name {@link H2Database} gives it. The maps of the
     * databases in the file are all opened before the backend starts ({@link StoreMaps#openAll()}), because the
     * backend's constructor opens those databases before this backend's fields are set; this class is an inner one
     * so that a database created later, whose constructor opens its first collections, already sees the store.
     */
    private final class TypedH2Database extends H2Database {

        TypedH2Database(String databaseName) {
            super(databaseName, getMvStore(), getCursorRegistry());
        }

        /** The collection's maps, opened by {@link StoreMaps}; queries planned by {@link IndexPlannedH2Collection}. */
        @Override
        protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
            String namespace = getFullCollectionNamespace(collectionName);
            MVMap<Object, Document> documents = map(StoreMaps.documentsMap(namespace));
            MVMap<String, Object> meta = map(StoreMaps.collectionMetaMap(namespace));
            return new IndexPlannedH2Collection(this, collectionName, options, documents, meta, getCursorRegistry(),
                    DurableH2Backend.this::countFullScan, DurableH2Backend.this::timeQuery);
        }

        @Override
        protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys,
                boolean sparse) {
            MVMap<KeyValue, Object> map = map(StoreMaps.indexMap(getFullCollectionNamespace(collectionName), indexName));
            return new PrefixRangeUniqueIndex(map, indexName, keys, sparse, DurableH2Backend.this::countPrefixKeysRead);
        }

        /**
         * A non-unique index: {@link SecondaryIndex} (mongo-java-server would ignore it). A sparse one on a nested field
         * is still ignored (its queries scan): {@link SecondaryIndex} tells a missing field only at the top level.
         */
        @Override
        protected Index<Object> openOrCreateSecondaryIndex(String collectionName, String indexName,
                List<IndexKey> keys, boolean sparse) {
            if (sparse && keys.stream().anyMatch(key -> key.getKey().contains("."))) {
                return super.openOrCreateSecondaryIndex(collectionName, indexName, keys, sparse);
            }
            MVMap<KeyValue, Object> map = map(StoreMaps.indexMap(getFullCollectionNamespace(collectionName), indexName));
            return new SecondaryIndex(map, indexName, keys, sparse, DurableH2Backend.this::countPrefixKeysRead);
        }

        /**
         * The map, opened by {@link StoreMaps}; while the backend's constructor runs (before {@code store} is set)
         * the maps in the file are already open that way ({@link StoreMaps#openAll()}), so the open one is returned.
         */
        @SuppressWarnings("unchecked")
        private <K, V> MVMap<K, V> map(String name) {
            return (MVMap<K, V>) (store != null ? store.maps().open(name) : getMvStore().openMap(name));
        }
    }
}
