package org.keywork.stack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

import org.h2.mvstore.MVStore;

import de.bwaldvogel.mongo.MongoServer;

/**
 * The MongoDB wire-protocol server (mongo-java-server) with its data in one H2 MVStore file, committed after every
 * command (see {@link DurableH2Backend}).
 *
 * <p>Usage: {@code MongoWireServer <dataFile> <port>}; binds 127.0.0.1 only; SIGTERM closes server and store.
 */
public final class MongoWireServer {

    private final MongoServer server;
    private final MVStore store;

    private MongoWireServer(MongoServer server, MVStore store) {
        this.server = server;
        this.store = store;
    }

    /** Opens (or creates) the store and listens on 127.0.0.1:{@code port}. */
    static MongoWireServer start(Path dataFile, int port) throws Exception {
        Files.createDirectories(dataFile.toAbsolutePath().getParent());
        MVStore store = new MVStore.Builder()
                .fileName(dataFile.toAbsolutePath().toString())
                .open();
        try {
            MongoServer server = new MongoServer(new DurableH2Backend(store));
            server.bind("127.0.0.1", port);
            return new MongoWireServer(server, store);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /** Stops listening, closes client connections and the store (which writes everything). */
    void stop() {
        try {
            server.shutdownNow();
        } finally {
            if (!store.isClosed()) {
                store.close();
            }
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
