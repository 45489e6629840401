package org.keywork.stack;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

import de.bwaldvogel.mongo.MongoServer;

/**
 * The MongoDB wire-protocol server (mongo-java-server) with its data in one H2 MVStore file and a write-ahead log
 * beside it ({@code <dataFile>.wal}); a command is answered once what it changed is in the files (see
 * {@link DurableH2Backend}, {@link GroupCommit}).
 *
 * <p>Usage: {@code MongoWireServer <dataFile> <port>}; binds 127.0.0.1 only; SIGTERM closes server and store.
 */
public final class MongoWireServer {

    /**
     * Netty event-loop threads. A command waits on its event loop until its group is written (about a millisecond),
     * and each loop serves its connections one command at a time, so the server needs about one loop per connection
     * to let concurrent commands share writes (netty's default is two per core: 4 here). Idle loops cost nothing.
     */
    static final int EVENT_LOOP_THREADS = 32;

    private final MongoServer server;
    private final WireStore store;

    private MongoWireServer(MongoServer server, WireStore store) {
        this.server = server;
        this.store = store;
    }

    /** Opens (or creates) the store and listens on 127.0.0.1:{@code port}. */
    static MongoWireServer start(Path dataFile, int port) throws Exception {
        WireStore store = WireStore.open(dataFile);
        try {
            MongoServer server = new MongoServer(new DurableH2Backend(store));
            store.commits().verifyMaps();
            server.bind(new InetSocketAddress("127.0.0.1", port), 1, EVENT_LOOP_THREADS);
            return new MongoWireServer(server, store);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /** The port listened on (the one asked for, or the one chosen for port 0). */
    int port() {
        return server.getLocalAddress().getPort();
    }

    /** Stops listening, closes client connections and the store (which writes everything). */
    void stop() {
        try {
            server.shutdownNow();
        } finally {
            store.close();
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: MongoWireServer <dataFile> <port>");
            System.exit(64);
        }
        Path dataFile = Path.of(args[0]);
        int port = Integer.parseInt(args[1]);
        MongoWireServer wire = start(dataFile, port);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("keywork: stopping MongoDB wire server");
            wire.stop();
            System.out.println("keywork: MongoDB wire server stopped, store closed");
            System.out.flush();
            stopped.countDown();
        }, "keywork-mongo-shutdown"));
        System.out.println("keywork: MongoDB wire server listening on 127.0.0.1:" + port + ", data in "
                + dataFile.toAbsolutePath());
        System.out.flush();
        stopped.await();
    }
}
