package org.keywork.stack;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.LongConsumer;
import java.util.stream.Collectors;

import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;

/**
 * A non-unique index, which mongo-java-server does not have (it accepts the definition and ignores it): each document
 * is a key of its index values followed by its position ({@code _id}), in an MVStore map ordered by value
 * ({@link IndexKeyType}), so the documents with given values are one range of keys.
 *
 * <p>It answers a query that names its first fields (all, or a leading part of a compound index), each with a plain
 * value (equality): the keys starting with those values. With more conditions, {@link IndexPlannedH2Collection} narrows
 * the query to those fields and matches the rest on the documents found, as MongoDB does. Anything else (an operator,
 * a regular expression, null, an embedded document) is left to a scan, as before. An array value is indexed once per element (multikey), as equality on an array field matches any element.
 */
final class SecondaryIndex extends Index<Object> {

    private final MVMap<KeyValue, Object> keys;
    private final LongConsumer keysRead;

    SecondaryIndex(MVMap<KeyValue, Object> keys, String name, List<IndexKey> indexKeys, boolean sparse,
            LongConsumer keysRead) {
        super(name, indexKeys, sparse);
        this.keys = keys;
        this.keysRead = keysRead;
    }

    /** A query naming the index's first fields (one or more, in any order), each with a plain value. */
    @Override
    public synchronized boolean canHandle(Document query) {
        int named = query.size();
        if (named == 0 || named > keys().size() || !query.keySet().equals(Set.copyOf(keys().subList(0, named)))) {
            return false;
        }
        return query.values().stream().allMatch(SecondaryIndex::isPlainValue);
    }

    /** A value whose equality is its index key's: not null, not an operator document, array or regular expression. */
    private static boolean isPlainValue(Object value) {
        return value instanceof String || value instanceof Number && !(value instanceof BigDecimal)
                || value instanceof Boolean || value instanceof ObjectId || value instanceof Date
                || value instanceof Instant || value instanceof UUID;
    }

    @Override
    public synchronized Iterable<Object> getPositions(Document query) {
        List<Object> values = new ArrayList<>();
        for (String key : keys().subList(0, query.size())) {
            values.add(query.get(key));
        }
        KeyValue wanted = new KeyValue(values).normalized();
        List<Object> positions = new ArrayList<>();
        Cursor<KeyValue, Object> cursor = keys.cursor(wanted);
        long read = 0;
        while (cursor.hasNext()) {
            KeyValue key = cursor.next();
            read++;
            if (!startsWith(key, wanted)) {
                break;
            }
            positions.add(cursor.getValue());
        }
        keysRead.accept(read);
        return positions;
    }

    private static boolean startsWith(KeyValue key, KeyValue prefix) {
        if (key.size() <= prefix.size()) {
            return false;
        }
        for (int i = 0; i < prefix.size(); i++) {
            if (IndexKeyType.INSTANCE.compare(new KeyValue(key.get(i)), new KeyValue(prefix.get(i))) != 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public synchronized void add(Document document, Object position, MongoCollection<Object> collection) {
        for (KeyValue values : entries(document)) {
            keys.put(withPosition(values, position), position);
        }
    }

    @Override
    public synchronized Object remove(Document document) {
        Object position = position(document);
        for (KeyValue values : entries(document)) {
            keys.remove(withPosition(values, position));
        }
        return position;
    }

    @Override
    public synchronized void updateInPlace(Document oldDocument, Document newDocument, Object position,
            MongoCollection<Object> collection) {
        if (nullAwareEqualsKeys(oldDocument, newDocument)) {
            return;
        }
        for (KeyValue values : entries(oldDocument)) {
            keys.remove(withPosition(values, position));
        }
        add(newDocument, position, collection);
    }

    /**
     * The index values of {@code document}, one set per element of an array; none for a sparse index without any of its
     * fields (top-level fields: the backend does not build a sparse index on a nested one).
     */
    private Set<KeyValue> entries(Document document) {
        if (isSparse() && keys().stream().noneMatch(document::containsKey)) {
            return Set.of();
        }
        return getKeyValues(document).stream().map(KeyValue::normalized)
                .collect(Collectors.toSet());
    }

    private static KeyValue withPosition(KeyValue values, Object position) {
        List<Object> key = new ArrayList<>(values.size() + 1);
        values.forEach(key::add);
        key.add(position);
        return new KeyValue(key);
    }

    /** The document's position in the H2 collection: its {@code _id}, as {@code H2Collection} keys it. */
    private static Object position(Document document) {
        return document.get("_id");
    }

    @Override
    public Object getPosition(Document document) {
        return null; // not unique: no one document for given values
    }

    @Override
    public void checkAdd(Document document, MongoCollection<Object> collection) {
    }

    @Override
    public void checkUpdate(Document oldDocument, Document newDocument, MongoCollection<Object> collection) {
    }

    @Override
    public long getCount() {
        return keys.sizeAsLong();
    }

    @Override
    public boolean isEmpty() {
        return keys.isEmpty();
    }

    @Override
    public long getDataSize() {
        return getCount();
    }

    @Override
    public void drop() {
        // the database removes the index's map
    }
}
