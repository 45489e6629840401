package org.keywork.stack;

import org.h2.mvstore.MVStore;

import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.message.MongoQuery;
import io.netty.channel.Channel;

/**
 * The H2 (MVStore) backend, committing after every command before the reply goes out.
 *
 * <p>{@link H2Backend} on its own leaves durability to MVStore's background auto-commit (every second by default),
 * so an acknowledged write could be lost if the server is killed within that second. Here every command that changed
 * the store ends with {@link MVStore#commit()}, which writes a new chunk to the file: once the driver sees the reply,
 * the write is in the file (in the OS page cache; it survives {@code kill -9} of this process, not a power cut, as
 * there is no fsync per write). The background auto-commit stays on for housekeeping.
 */
final class DurableH2Backend extends H2Backend {

    private final MVStore store;

    DurableH2Backend(MVStore store) {
        super(store);
        this.store = store;
    }

    @Override
    public Document handleCommand(Channel channel, String database, String command, Document query) {
        try {
            if ("hello".equalsIgnoreCase(command)) {
                return hello(channel, database, query);
            }
            return super.handleCommand(channel, database, command, query);
        } finally {
            commitIfChanged();
        }
    }

    @Override
    public QueryResult handleQuery(MongoQuery query) {
        try {
            return super.handleQuery(query);
        } finally {
            commitIfChanged();
        }
    }

    @Override
    public void dropDatabase(String database) {
        try {
            super.dropDatabase(database);
        } finally {
            commitIfChanged();
        }
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

    void commitIfChanged() {
        if (!store.isClosed() && store.hasUnsavedChanges()) {
            store.commit();
        }
    }
}
