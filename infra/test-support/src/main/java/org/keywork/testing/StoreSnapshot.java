package org.keywork.testing;

import com.mongodb.client.MongoDatabase;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.zip.CRC32C;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.RawBsonDocument;

/**
 * What a service's database holds at one moment, per collection: how many documents and a digest of their bytes. Two
 * snapshots are equal only if no document was added, removed or changed, so an update in place (a responsibility
 * reassigned, an event queued in a document's embedded outbox) counts as much as an insert.
 *
 * @param collections   per collection name, its document count and content digest
 * @param pendingEvents documents whose embedded outbox still holds events the relay has not sent
 *                      ({@code outboxPending}, see the services' {@code EventOutbox})
 */
record StoreSnapshot(Map<String, Content> collections, int pendingEvents) {

    /**
     * The scheduled jobs' locks (ClusterJobs in service-support, ShedLock): not the service's data, and written by
     * its timers whatever a request does.
     */
    static final String JOB_LOCKS = "shedLock";

    /** The field a document carries while its embedded outbox holds unsent events. */
    static final String OUTBOX_PENDING = "outboxPending";

    /** One collection's count and an order-independent digest of its documents' BSON bytes. */
    record Content(long count, long digest) {
    }

    static StoreSnapshot of(MongoDatabase db, Set<String> excluded) {
        Map<String, Content> collections = new TreeMap<>();
        int pending = 0;
        for (String name : db.listCollectionNames()) {
            if (name.startsWith("system.") || name.equals(JOB_LOCKS) || excluded.contains(name)) {
                continue;
            }
            long count = 0;
            long digest = 0;
            CRC32C crc = new CRC32C();
            for (RawBsonDocument document : db.getCollection(name, RawBsonDocument.class).find()) {
                ByteBuffer bytes = document.getByteBuffer().asNIO();
                crc.reset();
                crc.update(bytes);
                // length in the high half: two documents with the same CRC but different sizes still differ
                digest += ((long) bytes.limit() << 32) ^ crc.getValue();
                count++;
                if (document.containsKey(OUTBOX_PENDING)) {
                    pending++;
                }
            }
            collections.put(name, new Content(count, digest));
        }
        return new StoreSnapshot(collections, pending);
    }

    /** The collections that differ from {@code before}, as {@code name (count before → after)}. */
    List<String> changesSince(StoreSnapshot before) {
        Set<String> names = new TreeSet<>(before.collections.keySet());
        names.addAll(collections.keySet());
        List<String> changed = new ArrayList<>();
        for (String name : names) {
            Content was = before.collections.get(name);
            Content is = collections.get(name);
            if (!java.util.Objects.equals(was, is)) {
                changed.add(name + " (" + (was == null ? "none" : was.count()) + " → " + (is == null ? "none"
                        : is.count()) + " documents" + (was != null && is != null && was.count() == is.count()
                                ? ", content changed" : "") + ")");
            }
        }
        return changed;
    }

    /** Whether any document of a collection not excluded holds a string that contains {@code literal}. */
    static boolean holdsText(MongoDatabase db, Set<String> excluded, String literal) {
        for (String name : db.listCollectionNames()) {
            if (name.startsWith("system.") || excluded.contains(name)) {
                continue;
            }
            for (BsonDocument document : db.getCollection(name, BsonDocument.class).find()) {
                if (holds(document, literal)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean holds(BsonValue value, String literal) {
        if (value.isString()) {
            return value.asString().getValue().contains(literal);
        }
        if (value instanceof BsonDocument document) {
            return document.values().stream().anyMatch(v -> holds(v, literal));
        }
        if (value instanceof BsonArray array) {
            return array.getValues().stream().anyMatch(v -> holds(v, literal));
        }
        return false;
    }
}
