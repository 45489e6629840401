package org.keywork.stack;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.regex;
import static com.mongodb.client.model.Updates.pull;
import static com.mongodb.client.model.Updates.set;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.bson.Document;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.CountOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.BsonRegularExpression;

/**
 * The wire server's store in one JVM, through the real driver: group commit, the write-ahead log and its replay after
 * a crash, checkpoints, compaction, and files written before any of it. A crash is simulated by closing the files
 * without writing anything more ({@link WireStore#closeAbruptly()}), which leaves them as a killed process would;
 * {@link WireServerCrashTest} kills a real server process.
 */
class WireStoreTest {

    @TempDir
    Path dir;

    @Test
    void concurrentWritersAreAllAcknowledgedAndShareWrites() throws Exception {
        Path file = dir.resolve("concurrent.mv");
        try (Server server = Server.open(file)) {
            MongoCollection<Document> reports = server.collection("reports");
            int writers = 16;
            int each = 200;
            ExecutorService pool = Executors.newFixedThreadPool(writers);
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < each; i++) {
                        String id = writer + "-" + i;
                        reports.insertOne(report(id));
                        reports.updateOne(eq("_id", id), pull("outbox", new Document("eventId", "e-" + id)));
                    }
                    return null;
                }));
            }
            for (Future<?> writer : done) {
                writer.get();
            }
            pool.shutdown();

            assertThat(reports.countDocuments()).isEqualTo(writers * each);
            assertThat(server.store.commits().groups()).as("writes of 16 concurrent writers share log writes")
                    .isLessThan(2L * writers * each);
            server.crash();
        }
        try (Server server = Server.open(file)) {
            MongoCollection<Document> reports = server.collection("reports");
            assertThat(reports.countDocuments()).isEqualTo(16 * 200);
            assertThat(reports.countDocuments(eq("outbox", List.of()))).isEqualTo(16 * 200);
        }
    }

    @Test
    void writesSinceTheLastCheckpointAreReplayedAfterACrash() throws Exception {
        Path file = dir.resolve("replay.mv");
        try (Server server = Server.open(file)) {
            MongoCollection<Document> reports = server.collection("reports");
            reports.createIndex(Indexes.ascending("seq"), new IndexOptions().unique(true));
            reports.insertOne(report("checkpointed").append("seq", 0));
            server.store.housekeeping().runOnce();
            assertThat(walSize(file)).as("log emptied by the checkpoint").isZero();

            reports.insertOne(report("logged").append("seq", 1));
            reports.updateOne(eq("_id", "checkpointed"), set("value", 42));
            reports.updateOne(eq("_id", "logged"), pull("outbox", new Document("eventId", "e-logged")));
            reports.insertOne(report("removed").append("seq", 2));
            reports.deleteOne(eq("_id", "removed"));
            assertThat(walSize(file)).as("changes since the checkpoint are in the log").isPositive();
            server.crash();
        }
        try (Server server = Server.open(file)) {
            assertThat(walSize(file)).as("the replayed log is committed and emptied on opening").isZero();
            MongoCollection<Document> reports = server.collection("reports");
            assertThat(reports.find(eq("_id", "checkpointed")).first().getInteger("value")).isEqualTo(42);
            assertThat(reports.find(eq("_id", "logged")).first().getList("outbox", Document.class)).isEmpty();
            assertThat(reports.find(eq("_id", "removed")).first()).isNull();
            assertThat(reports.find(eq("seq", 1)).first().getString("_id")).isEqualTo("logged");
            assertThat(reports.find(eq("seq", 2)).first()).isNull();
            assertDuplicate(() -> reports.insertOne(report("other").append("seq", 1)));
            reports.insertOne(report("again").append("seq", 2));
        }
    }

    @Test
    void aTornEndOfTheLogIsIgnored() throws Exception {
        Path file = dir.resolve("torn.mv");
        try (Server server = Server.open(file)) {
            MongoCollection<Document> reports = server.collection("reports");
            reports.insertOne(report("first"));
            server.store.housekeeping().runOnce();
            reports.insertOne(report("second"));
            server.crash();
        }
        byte[] log = Files.readAllBytes(wal(file));
        assertThat(log).isNotEmpty();
        // the log once more, its last record cut short and followed by bytes that are no record
        Files.write(wal(file), Arrays.copyOf(log, log.length - 3), StandardOpenOption.APPEND);
        Files.write(wal(file), new byte[] {0, 0, 0, 4, 1, 2, 3, 4, 9, 9, 9, 9}, StandardOpenOption.APPEND);

        try (Server server = Server.open(file)) {
            MongoCollection<Document> reports = server.collection("reports");
            assertThat(reports.countDocuments()).isEqualTo(2);
            reports.insertOne(report("third"));
        }
    }

    @Test
    void changesToADroppedCollectionInTheLogAreSkipped() throws Exception {
        Path file = dir.resolve("dropped.mv");
        try (Server server = Server.open(file)) {
            server.collection("kept").insertOne(report("a"));
            server.collection("dropped").insertOne(report("b"));
            server.store.housekeeping().runOnce();
            server.collection("dropped").insertOne(report("c"));
            server.collection("kept").insertOne(report("d"));
            byte[] logBeforeDrop = Files.readAllBytes(wal(file));
            server.collection("dropped").drop();
            server.crash();
            // as if the process died after the drop was committed but before the log was emptied
            Files.write(wal(file), logBeforeDrop);
        }
        try (Server server = Server.open(file)) {
            assertThat(server.collection("kept").countDocuments()).isEqualTo(2);
            assertThat(server.client.getDatabase("test").listCollectionNames().into(new ArrayList<>()))
                    .doesNotContain("dropped");
        }
    }

    @Test
    void compactionShrinksTheFileAndKeepsEveryDocument() throws Exception {
        Path file = dir.resolve("compact.mv");
        try (Server server = Server.open(file)) {
            MongoCollection<Document> reports = server.collection("reports");
            for (int round = 0; round < 10; round++) {
                for (int i = 0; i < 300; i++) {
                    reports.insertOne(report(round + "-" + i));
                }
                server.store.housekeeping().runOnce();
                for (int i = 0; i < 300; i++) {
                    reports.updateOne(eq("_id", round + "-" + i),
                            pull("outbox", new Document("eventId", "e-" + round + "-" + i)));
                }
                server.store.housekeeping().runOnce();
            }
            long before = Files.size(file);
            for (int round = 0; round < 10; round++) {
                server.store.housekeeping().runOnce();
            }
            MVStore store = server.store.mvStore();
            assertThat(store.getFileStore().getChunksFillRate()).as("chunks fill").isGreaterThanOrEqualTo(60);
            assertThat(store.getFillRate()).as("file fill").isGreaterThanOrEqualTo(60);
            assertThat(Files.size(file)).isLessThanOrEqualTo(before);
            assertThat(reports.countDocuments(eq("outbox", List.of()))).isEqualTo(3000);
        }
        try (Server server = Server.open(file)) {
            assertThat(server.collection("reports").countDocuments(eq("outbox", List.of()))).isEqualTo(3000);
        }
    }

    @Test
    void aFileWrittenByThePlainH2BackendIsRefusedUnchanged() throws Exception {
        Path file = dir.resolve("plain.mv");
        MongoServer plain = new MongoServer(new H2Backend(file.toString()));
        try (MongoClient client = MongoClients.create(plain.bindAndGetConnectionString())) {
            client.getDatabase("test").getCollection("reports").insertOne(report("old-1"));
        } finally {
            plain.shutdownNow();
        }
        long size = Files.size(file);

        assertThatThrownBy(() -> Server.open(file)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("plain.mv").hasMessageContaining("another format")
                .hasMessageContaining("delete it");
        assertThat(Files.size(file)).isEqualTo(size);
    }

    @Test
    void aQueryWithMoreConditionsThanAUniqueIndexReadsThroughIt() throws Exception {
        try (Server server = Server.open(dir.resolve("planned.mv"))) {
            MongoCollection<Document> items = server.collection("items");
            items.createIndex(Indexes.ascending("code"), new IndexOptions().unique(true));
            for (int i = 0; i < 300; i++) {
                items.insertOne(new Document("_id", "i-" + i).append("code", "C" + i).append("revision", 1)
                        .append("status", i % 2 == 0 ? "OPEN" : "DONE"));
            }
            long scansBefore = server.backend.fullScans();

            // a compare-and-set: matches at the expected revision, not at another
            assertThat(items.updateOne(and(eq("_id", "i-7"), eq("revision", 1)), set("revision", 2))
                    .getModifiedCount()).isEqualTo(1);
            assertThat(items.updateOne(and(eq("_id", "i-7"), eq("revision", 1)), set("revision", 3))
                    .getModifiedCount()).isZero();
            assertThat(items.find(and(eq("code", "C8"), eq("status", "OPEN"))).first().getString("_id"))
                    .isEqualTo("i-8");
            assertThat(items.find(and(eq("code", "C9"), eq("status", "OPEN"))).first()).isNull();
            assertThat(items.find(and(eq("_id", "i-7"), eq("revision", 2))).first().getString("code"))
                    .isEqualTo("C7");
            assertThat(server.backend.fullScans()).as("every query above went through an index")
                    .isEqualTo(scansBefore);

            assertThat(items.countDocuments(eq("status", "OPEN"))).isEqualTo(150);
            assertThat(server.backend.fullScans()).as("no index on status: a scan").isGreaterThan(scansBefore);
        }
    }

    @Test
    void aPrefixQueryReadsOnlyTheIndexKeysThatStartWithThePrefix() throws Exception {
        try (Server server = Server.open(dir.resolve("prefix.mv"))) {
            MongoCollection<Document> reports = server.collection("reports");
            reports.createIndex(Indexes.ascending("historyKey"), new IndexOptions().unique(true));
            List<Document> all = new ArrayList<>();
            for (int i = 0; i < 2000; i++) {
                String item = "5." + (i % 40); // 5.0 … 5.39: "5.1/" is not a prefix of "5.10/"
                all.add(new Document("_id", "r-" + i).append("historyKey", item + "/2021/r-" + i)
                        .append("targetId", item + "#" + (i / 40 % 2 + 1)));
            }
            reports.insertMany(all);
            long keysBefore = server.backend.prefixKeysRead();
            long scansBefore = server.backend.fullScans();

            List<String> history = reports.find(regex("historyKey", "^5\\.1/2021/")).map(d -> d.getString("_id"))
                    .into(new ArrayList<>());
            assertThat(history).hasSize(50).allSatisfy(id -> assertThat(Integer.parseInt(id.substring(2)) % 40)
                    .isEqualTo(1));
            assertThat(server.backend.prefixKeysRead() - keysBefore).as("the 50 keys of 5.1 and the next one")
                    .isEqualTo(51);
            // with more conditions: narrowed through the same range, then matched whole
            assertThat(reports.countDocuments(and(regex("historyKey", "^5\\.1/2021/"), eq("targetId", "5.1#2"))))
                    .isEqualTo(25);
            // an expression that goes on after its literal start is matched against the keys of the range
            assertThat(reports.countDocuments(regex("historyKey", "^5\\.1/2021/r-1[0-9]*1$"))).isEqualTo(
                    all.stream().map(d -> d.getString("historyKey"))
                            .filter(k -> k.matches("5\\.1/2021/r-1[0-9]*1")).count());
            long keysRead = server.backend.prefixKeysRead() - keysBefore;
            assertThat(keysRead).as("the range of 5.1/2021/r-1 lies within that of 5.1").isBetween(2 * 51L + 1, 3 * 51L);
            assertThat(server.backend.fullScans()).isEqualTo(scansBefore);

            // a count (the driver aggregates) is answered through the index too, with its skip and limit
            long keysBeforeCounts = server.backend.prefixKeysRead();
            assertThat(reports.countDocuments(regex("historyKey", "^5\\.1/2021/"), new CountOptions().skip(10).limit(30)))
                    .isEqualTo(30);
            assertThat(reports.countDocuments(regex("historyKey", "^5\\.1/2021/"), new CountOptions().skip(40)))
                    .isEqualTo(10);
            assertThat(reports.countDocuments(regex("historyKey", "^6\\.1/"))).isZero();
            assertThat(server.backend.prefixKeysRead() - keysBeforeCounts).isEqualTo(2 * 51); // none from 6.1/ on
            assertThat(server.backend.fullScans()).isEqualTo(scansBefore);
            keysRead = server.backend.prefixKeysRead() - keysBefore;

            // no literal start, options, or an unanchored alternative: every key is matched, as before
            assertThat(reports.countDocuments(regex("historyKey", "/2021/r-19$"))).isEqualTo(1);
            assertThat(reports.countDocuments(regex("historyKey", "^5\\.1/2021/R-1$", "i"))).isEqualTo(1);
            assertThat(reports.countDocuments(regex("historyKey", "^5\\.1/2021/r-1$|^5\\.2/2021/r-2$")))
                    .isEqualTo(2);
            assertThat(server.backend.prefixKeysRead() - keysBefore).isEqualTo(keysRead);
        }
    }

    @Test
    void aQuerySortedByARangedUniqueIndexWithALimitReadsOnlyTheKeysItReturns() throws Exception {
        try (Server server = Server.open(dir.resolve("sorted.mv"))) {
            MongoCollection<Document> reports = server.collection("reports");
            reports.createIndex(Indexes.ascending("valueKey"), new IndexOptions().unique(true).sparse(true));
            // the newest report is the first one looked at, and the first an as-of limit leaves out
            assertThat(ids(reports.find(regex("valueKey", "^5\\.1#1/2021/")).sort(Indexes.descending("valueKey"))
                    .limit(3))).as("an empty index").isEmpty();
            List<Document> all = new ArrayList<>();
            for (int i = 0; i < 1200; i++) {
                String target = "5." + (i % 12) + "#1"; // 5.1#1 and 5.10#1, 5.11#1 sort next to each other
                String asOf = String.format("2021-%02d-28", i / 100 + 1); // 100 per month, 12 months
                all.add(new Document("_id", "r-" + i).append("asOf", asOf)
                        .append("valueKey", target + "/2021/" + asOf + "/" + String.format("%05d", i)));
            }
            all.add(new Document("_id", "no-value").append("asOf", "2021-12-28")); // sparse: not in the index
            reports.insertMany(all);
            long keys = server.backend.prefixKeysRead();
            long scans = server.backend.fullScans();

            List<String> expected = all.stream().filter(d -> d.getString("valueKey") != null
                            && d.getString("valueKey").startsWith("5.1#1/2021/") && d.getString("asOf").compareTo("2021-06-30") <= 0)
                    .sorted((a, b) -> b.getString("valueKey").compareTo(a.getString("valueKey")))
                    .map(d -> d.getString("_id")).limit(4).toList();
            assertThat(ids(reports.find(and(regex("valueKey", "^5\\.1#1/2021/"), Filters.lte("asOf", "2021-06-30")))
                    .sort(Indexes.descending("valueKey")).limit(4))).containsExactlyElementsOf(expected);
            // reversed: the walk starts at the range's last key, passes the 50 of July to December that the as-of
            // condition leaves out (8 or 9 a month), and stops at the fourth that matches
            assertThat(server.backend.prefixKeysRead() - keys).isLessThanOrEqualTo(60);

            keys = server.backend.prefixKeysRead();
            assertThat(ids(reports.find(regex("valueKey", "^5\\.11#1/2021/")).sort(Indexes.ascending("valueKey"))
                    .skip(1).limit(2))).containsExactly("r-23", "r-35");
            assertThat(server.backend.prefixKeysRead() - keys).isEqualTo(3);
            assertThat(ids(reports.find(regex("valueKey", "^5\\.9#1/2021/")).sort(Indexes.descending("valueKey"))
                    .limit(1))).as("the last range in the index").containsExactly("r-1197");
            assertThat(ids(reports.find(regex("valueKey", "^6\\.")).sort(Indexes.descending("valueKey")).limit(1)))
                    .as("past the last key").isEmpty();
            assertThat(ids(reports.find(regex("valueKey", "^5\\.0#0")).sort(Indexes.descending("valueKey")).limit(1)))
                    .as("between two keys").isEmpty();
            assertThat(server.backend.fullScans()).isEqualTo(scans);

            // without a limit, or sorted by another field, the range is read whole and sorted as before
            assertThat(reports.find(regex("valueKey", "^5\\.1#1/2021/")).sort(Indexes.descending("asOf"))
                    .map(d -> d.getString("asOf")).into(new ArrayList<>())).hasSize(100)
                    .isSortedAccordingTo(java.util.Comparator.reverseOrder()).startsWith("2021-12-28");
        }
    }

    @Test
    void aCompoundIndexServesTheFieldsBeforeAConditionItCannotLookUp() throws Exception {
        try (Server server = Server.open(dir.resolve("narrowed.mv"))) {
            MongoCollection<Document> alerts = server.collection("alerts");
            alerts.createIndex(Indexes.ascending("planYear", "targetId", "status"));
            List<Document> all = new ArrayList<>();
            for (int i = 0; i < 600; i++) {
                all.add(new Document("_id", "a-" + i).append("planYear", 2021).append("targetId", "5." + (i % 30) + "#1")
                        .append("rule", i % 2 == 0 ? "BEHIND" : "OVERDUE")
                        .append("status", List.of("OPEN", "ACKNOWLEDGED", "RESOLVED").get(i % 3)));
            }
            alerts.insertMany(all);
            long scans = server.backend.fullScans();
            long keys = server.backend.prefixKeysRead();

            assertThat(ids(alerts.find(and(eq("planYear", 2021), eq("targetId", "5.7#1"), eq("rule", "OVERDUE"),
                    Filters.in("status", "OPEN", "ACKNOWLEDGED"))))).as("i ≡ 7 (mod 30), odd, i mod 3 ≠ 2")
                    .containsExactlyInAnyOrderElementsOf(all.stream().filter(d -> d.getString("targetId").equals("5.7#1")
                            && d.getString("rule").equals("OVERDUE") && !d.getString("status").equals("RESOLVED"))
                            .map(d -> d.getString("_id")).toList());
            assertThat(server.backend.fullScans()).as("read through the index's planYear and targetId").isEqualTo(scans);
            assertThat(server.backend.prefixKeysRead() - keys).as("the 20 keys of 5.7#1 and the next").isEqualTo(21);
        }
    }

    @Test
    void aNonUniqueIndexServesEqualityOnItsLeadingFieldsAndFollowsEveryChange() throws Exception {
        Path file = dir.resolve("secondary.mv");
        try (Server server = Server.open(file)) {
            MongoCollection<Document> alerts = server.collection("alerts");
            List<Document> all = new ArrayList<>();
            for (int i = 0; i < 600; i++) {
                all.add(new Document("_id", "a-" + i).append("planYear", 2021).append("targetId", "5." + (i % 30) + "#1")
                        .append("status", i % 3 == 0 ? "RESOLVED" : "OPEN").append("departments", List.of("D" + (i % 4),
                                "D" + (i % 5))));
            }
            alerts.insertMany(all.subList(0, 300));
            // created on a collection that has documents: they are indexed, as the later ones are on insert
            alerts.createIndex(Indexes.ascending("planYear", "targetId"));
            alerts.createIndex(Indexes.ascending("departments"));
            alerts.insertMany(all.subList(300, 600));
            long scans = server.backend.fullScans();
            long keys = server.backend.prefixKeysRead();

            assertThat(ids(alerts.find(and(eq("planYear", 2021), eq("targetId", "5.7#1"), eq("status", "OPEN")))))
                    .hasSize(20).allSatisfy(id -> assertThat(Integer.parseInt(id.substring(2)) % 30).isEqualTo(7));
            assertThat(server.backend.prefixKeysRead() - keys).as("the 20 keys of 5.7#1 and the next").isEqualTo(21);
            assertThat(alerts.countDocuments(eq("planYear", 2021))).as("a leading field alone").isEqualTo(600);
            assertThat(ids(alerts.find(eq("departments", "D3")))).as("an element of an array")
                    .hasSize((int) all.stream().filter(d -> d.getList("departments", String.class).contains("D3"))
                            .count());
            assertThat(server.backend.fullScans()).isEqualTo(scans);

            // an update moves the document's key, a delete removes it
            alerts.updateOne(eq("_id", "a-7"), set("targetId", "5.8#1"));
            alerts.deleteOne(eq("_id", "a-37"));
            assertThat(ids(alerts.find(and(eq("planYear", 2021), eq("targetId", "5.7#1"))))).hasSize(18)
                    .doesNotContain("a-7", "a-37");
            assertThat(ids(alerts.find(and(eq("planYear", 2021), eq("targetId", "5.8#1"))))).hasSize(21)
                    .contains("a-7");
            // sparse: a document without the field is not in the index, and is not found by it
            alerts.createIndex(Indexes.ascending("status"), new IndexOptions().sparse(true));
            alerts.updateOne(eq("_id", "a-8"), Updates.unset("status"));
            assertThat(alerts.countDocuments(eq("status", "OPEN"))).as("400, less a-37 (deleted) and a-8 (without)")
                    .isEqualTo(398);
            // sparse on a nested field is not built (a scan answers), so nothing is missed
            alerts.updateOne(eq("_id", "a-9"), set("escalation.level", 2));
            alerts.createIndex(Indexes.ascending("escalation.level"), new IndexOptions().sparse(true));
            assertThat(ids(alerts.find(eq("escalation.level", 2)))).containsExactly("a-9");

            // what it cannot look up is scanned, as before: an operator on the first field
            assertThat(alerts.countDocuments(Filters.in("planYear", 2021, 2022))).isEqualTo(599);
            assertThat(server.backend.fullScans()).isGreaterThan(scans);
        }
        try (Server server = Server.open(file)) { // reopened: the index is in the file
            MongoCollection<Document> alerts = server.collection("alerts");
            long scans = server.backend.fullScans();
            assertThat(ids(alerts.find(and(eq("planYear", 2021), eq("targetId", "5.8#1"))))).hasSize(21);
            assertThat(server.backend.fullScans()).isEqualTo(scans);
        }
    }

    private static List<String> ids(com.mongodb.client.FindIterable<Document> found) {
        return found.map(d -> d.getString("_id")).into(new ArrayList<>());
    }

    @Test
    void theLiteralPrefixOfAnExpressionIsWhatEveryMatchStartsWith() {
        assertThat(prefix("^5\\.6/2021/")).isEqualTo("5.6/2021/");
        assertThat(prefix("^区民政局/2021/")).isEqualTo("区民政局/2021/");
        assertThat(prefix("^")).isEmpty();
        assertThat(prefix("^(?:2021-0[0-8]|2021-09-30\\|)")).isEmpty();
        assertThat(prefix("^abc?d")).isEqualTo("ab");
        assertThat(prefix("^ab*")).isEqualTo("a");
        assertThat(prefix("^ab{0,2}")).isEqualTo("a");
        assertThat(prefix("^ab+c")).isEqualTo("ab");
        assertThat(prefix("^ab\\d")).isEqualTo("ab");
        assertThat(prefix("^a(b|c)")).isEqualTo("a");
        assertThat(prefix("^a[|]b")).isEqualTo("a");
        assertThat(prefix("^ab|cd")).as("an unanchored alternative").isNull();
        assertThat(prefix("ab")).as("not anchored").isNull();
        assertThat(PrefixRangeUniqueIndex.literalPrefix(new BsonRegularExpression("^ab", "i"))).isNull();
    }

    private static String prefix(String pattern) {
        return PrefixRangeUniqueIndex.literalPrefix(new BsonRegularExpression(pattern, ""));
    }

    private static void assertDuplicate(Runnable write) {
        assertThatThrownBy(write::run).isInstanceOfSatisfying(MongoWriteException.class,
                e -> assertThat(e.getError().getCategory()).isEqualTo(ErrorCategory.DUPLICATE_KEY));
    }

    private static Path wal(Path file) {
        return file.resolveSibling(file.getFileName() + ".wal");
    }

    private static long walSize(Path file) throws IOException {
        return Files.size(wal(file));
    }

    private static Document report(String id) {
        List<Document> outbox = new ArrayList<>();
        outbox.add(new Document("eventId", "e-" + id).append("envelope", "{\"reportId\":\"" + id + "\"}"));
        return new Document("_id", id).append("value", 1).append("note", "两处选址仍在协调").append("outbox", outbox);
    }

    /** The server in this JVM on a free port, with the housekeeping run by the test. */
    private static final class Server implements AutoCloseable {

        final WireStore store;
        final DurableH2Backend backend;
        final MongoServer server;
        final MongoClient client;

        private Server(WireStore store, DurableH2Backend backend, MongoServer server, MongoClient client) {
            this.store = store;
            this.backend = backend;
            this.server = server;
            this.client = client;
        }

        static Server open(Path file) throws IOException {
            WireStore store = WireStore.openWithoutHousekeeping(file);
            DurableH2Backend backend = new DurableH2Backend(store);
            MongoServer server = new MongoServer(backend);
            store.commits().verifyMaps();
            server.bind(new InetSocketAddress("127.0.0.1", 0), 1, MongoWireServer.EVENT_LOOP_THREADS);
            return new Server(store, backend, server, MongoClients.create(server.getConnectionString()));
        }

        MongoCollection<Document> collection(String name) {
            return client.getDatabase("test").getCollection(name);
        }

        /** Leaves the files as a killed process would. */
        void crash() {
            store.closeAbruptly();
        }

        @Override
        public void close() {
            client.close();
            server.shutdownNow();
        }
    }
}
