package org.keywork.stack;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Updates.pull;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.ConnectionString;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;

/**
 * The promise of the wire server: once the driver has the reply to a write, the write survives {@code kill -9} of the
 * server. Sixteen clients write (store a report, then pull its outbox entry; one of them also creates collections,
 * which changes the store's structure) while the server process is killed; on a new server on the same file every
 * acknowledged write is there, and no write is there by half.
 */
class WireServerCrashTest {

    private static final int WRITERS = 16;

    @TempDir
    Path dir;

    private final Set<Integer> stored = ConcurrentHashMap.newKeySet();
    private final Set<Integer> pulled = ConcurrentHashMap.newKeySet();
    private final Set<Integer> attempted = ConcurrentHashMap.newKeySet();
    private final Set<String> collectionsCreated = ConcurrentHashMap.newKeySet();

    @Test
    void acknowledgedWritesSurviveKillNine() throws Exception {
        Path file = dir.resolve("crash.mv");
        try (WireServerProcess server = WireServerProcess.start(file); MongoClient client = client(server)) {
            MongoDatabase db = client.getDatabase("crash");
            db.getCollection("reports").createIndex(Indexes.ascending("seq"), new IndexOptions().unique(true));
            writeUntilKilled(db, server);
        }

        try (WireServerProcess restarted = WireServerProcess.start(file); MongoClient client = client(restarted)) {
            MongoDatabase db = client.getDatabase("crash");
            MongoCollection<Document> reports = db.getCollection("reports");
            assertThat(stored).as("acknowledged inserts before the kill").hasSizeGreaterThan(500);
            for (int i : stored) {
                Document report = reports.find(eq("_id", id(i))).first();
                assertThat(report).as("acknowledged report %d", i).isNotNull();
                assertThat(reports.find(eq("seq", i)).first()).as("report %d by its unique index", i).isEqualTo(report);
                if (pulled.contains(i)) {
                    assertThat(report.getList("outbox", Document.class)).as("acknowledged pull %d", i).isEmpty();
                }
            }
            for (String name : collectionsCreated) {
                assertThat(db.getCollection(name).countDocuments()).as("collection %s", name).isEqualTo(1);
            }
            // Writes cut off by the kill are there whole or not at all: a report is stored exactly when both unique
            // indexes know it (a new insert of it fails on the duplicate key exactly when it is stored).
            for (int i : attempted) {
                boolean present = reports.find(eq("_id", id(i))).first() != null;
                if (present) {
                    assertThatThrownBy(() -> reports.insertOne(report(i)))
                            .isInstanceOfSatisfying(MongoWriteException.class, e -> assertThat(
                                    e.getError().getCategory()).isEqualTo(ErrorCategory.DUPLICATE_KEY));
                } else {
                    reports.insertOne(report(i));
                }
            }
        }
    }

    private void writeUntilKilled(MongoDatabase db, WireServerProcess server) throws Exception {
        MongoCollection<Document> reports = db.getCollection("reports");
        AtomicInteger next = new AtomicInteger();
        CountDownLatch enough = new CountDownLatch(1);
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        for (int w = 0; w < WRITERS; w++) {
            int writer = w;
            writers.submit(() -> {
                try {
                    while (true) {
                        int i = next.getAndIncrement();
                        attempted.add(i);
                        reports.insertOne(report(i));
                        stored.add(i);
                        attempted.remove(i);
                        reports.updateOne(eq("_id", id(i)), pull("outbox", new Document("eventId", "e-" + i)));
                        pulled.add(i);
                        if (writer == 0 && i % 50 == 0) {
                            String name = "created-" + i;
                            db.getCollection(name).insertOne(new Document("_id", i));
                            collectionsCreated.add(name);
                        }
                        if (stored.size() >= 2_000) {
                            enough.countDown();
                        }
                    }
                } catch (RuntimeException killed) {
                    // the server is gone: this writer stops
                }
            });
        }
        enough.await(60, TimeUnit.SECONDS);
        server.kill();
        writers.shutdown();
        assertThat(writers.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
    }

    private static MongoClient client(WireServerProcess server) {
        return MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(server.uri()))
                .retryWrites(false)
                .applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(2, TimeUnit.SECONDS))
                .applyToSocketSettings(socket -> socket.connectTimeout(2, TimeUnit.SECONDS))
                .applyToConnectionPoolSettings(pool -> pool.maxSize(WRITERS))
                .build());
    }

    private static String id(int i) {
        return "report-" + Integer.reverse(i) + "-" + i;
    }

    private static Document report(int i) {
        List<Document> outbox = new ArrayList<>();
        outbox.add(new Document("eventId", "e-" + i).append("envelope", "{\"reportId\":\"" + id(i) + "\"}"));
        return new Document("_id", id(i)).append("seq", i).append("value", i % 7).append("outbox", outbox);
    }
}
