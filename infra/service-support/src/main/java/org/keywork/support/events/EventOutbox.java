package org.keywork.support.events;

import java.util.List;
import org.bson.Document;
import org.springframework.data.mongodb.core.mapping.event.AbstractMongoEventListener;
import org.springframework.data.mongodb.core.mapping.event.BeforeSaveEvent;
import org.springframework.data.mongodb.core.query.Update;

/**
 * The embedded outbox's fields, and the one way to append to it.
 *
 * <p>A document with events waiting carries them in {@value #FIELD} and, beside them, the pending marker
 * {@value #PENDING} ({@code <id>|<newest event id>}). The marker has a sparse unique index, so the relay's sweep reads only
 * the documents that have something to publish: on MongoDB through the index, on the embedded wire server by walking
 * that index's few entries. It is written in the same atomic write as the events ({@link #append} for updates, {@link
 * Marker} for inserts and saves) and removed by the relay once the outbox is empty.
 */
public final class EventOutbox {

    public static final String FIELD = "outbox";
    public static final String PENDING = "outboxPending";

    private EventOutbox() {
    }

    /**
     * Adds {@code entries} ({@link OutboxEntry}s, or their converted documents) to the document's outbox within
     * {@code update}, with the pending marker.
     */
    public static Update append(Update update, Object id, List<?> entries) {
        if (entries.isEmpty()) {
            return update;
        }
        return update.push(FIELD).each(entries.toArray()).set(PENDING, marker(id, entries.get(entries.size() - 1)));
    }

    /** Adds one entry, see {@link #append(Update, Object, List)}. */
    public static Update append(Update update, Object id, Object entry) {
        return append(update, id, List.of(entry));
    }

    /**
     * The marker names the document and its newest event: every append changes it, so the relay clears it only if
     * nothing was appended since it read the document (a lookup of that exact value, served by the index alone).
     */
    static String marker(Object id, Object newestEntry) {
        Object eventId = newestEntry instanceof OutboxEntry entry ? entry.eventId()
                : newestEntry instanceof org.bson.Document document ? document.get("eventId")
                : newestEntry instanceof java.util.Map<?, ?> map ? map.get("eventId") : null;
        return id + "|" + eventId;
    }

    /**
     * Sets or clears the pending marker of a document about to be inserted or replaced, after its outbox: for stores
     * that write converted documents themselves (inserts and saves of mapped objects get it from {@link Marker}).
     */
    public static org.bson.Document mark(org.bson.Document document) {
        Object outbox = document.get(FIELD);
        if (outbox instanceof List<?> entries && !entries.isEmpty()) {
            document.put(PENDING, marker(document.get("_id"), entries.get(entries.size() - 1)));
        } else {
            document.remove(PENDING);
        }
        return document;
    }

    /** Sets the pending marker on every document inserted or saved with a non-empty outbox. */
    public static final class Marker extends AbstractMongoEventListener<Object> {

        @Override
        public void onBeforeSave(BeforeSaveEvent<Object> event) {
            Document document = event.getDocument();
            if (document != null) {
                mark(document);
            }
        }
    }
}
