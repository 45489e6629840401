package org.keywork.testing;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.net.InetSocketAddress;

/** The JVM-wide embedded MongoDB wire server used by tests, started on first use on a free loopback port. */
public final class MongoWireServers {

    private static MongoServer server;

    private MongoWireServers() {
    }

    /** A connection string for {@code database} on the shared in-memory server. */
    public static synchronized String uri(String database) {
        if (server == null) {
            server = new MongoServer(new MemoryBackend());
            server.bind("127.0.0.1", 0);
            Runtime.getRuntime().addShutdownHook(new Thread(server::shutdownNow, "mongo-wire-server-stop"));
        }
        return format(server.getLocalAddress(), database);
    }

    private static String format(InetSocketAddress address, String database) {
        return "mongodb://127.0.0.1:" + address.getPort() + "/" + database;
    }
}
