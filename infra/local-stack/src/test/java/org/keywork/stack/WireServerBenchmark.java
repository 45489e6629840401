package org.keywork.stack;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Updates.pull;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;
import java.util.stream.Stream;

import org.bson.BsonDocument;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonDocumentCodec;
import org.bson.types.Decimal128;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;

/**
 * Measures the wire server the way progress-service loads it: report-like documents (~1.1 KB of BSON, one outbox
 * entry of ~700 bytes of event JSON) written through the real driver by many client threads, each report stored and
 * then its outbox entry removed with {@code $pull}. The server runs in its own JVM with the flags
 * {@code ./keywork up} gives it, so its CPU is measured alone. Prints numbers; asserts nothing (performance is
 * measured, never asserted in tests).
 *
 * <p>Two scenarios on one store: a burst (all reports inserted as fast as the clients go, then all pulled; the first
 * {@value #WARM_UP} inserts warm both JVMs up and are not timed) and a steady load (each client thread stores a report
 * and pulls its outbox entry, paced to a total number of writes per second, as the system runs at its target rate).
 * Then the store file is measured running, after closing and after reopening.
 *
 * <p>Run from the repository root (about a minute):
 * <pre>
 * ./mvnw -o -q -pl infra/local-stack test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=/tmp/wire-bench.cp -Dmdep.includeScope=test
 * java -cp infra/local-stack/target/test-classes:infra/local-stack/target/classes:$(cat /tmp/wire-bench.cp) \
 *     org.keywork.stack.WireServerBenchmark [reports=20000] [threads=16] [steady writes/s=3000] [steady seconds=20]
 * </pre>
 * {@code -Dwire.bench.jvmFlags="..."} adds JVM flags to the server (a profiler, say).
 */
public final class WireServerBenchmark {

    private static final int WARM_UP = 2_000;
    private static final Duration IDLE_WINDOW = Duration.ofSeconds(10);

    private final int reports;
    private final int threads;
    private final int steadyRate;
    private final int steadySeconds;
    private final AtomicInteger nextReport = new AtomicInteger();

    private WireServerBenchmark(int reports, int threads, int steadyRate, int steadySeconds) {
        this.reports = reports;
        this.threads = threads;
        this.steadyRate = steadyRate;
        this.steadySeconds = steadySeconds;
    }

    public static void main(String[] args) throws Exception {
        int reports = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        int steadyRate = args.length > 2 ? Integer.parseInt(args[2]) : 3_000;
        int steadySeconds = args.length > 3 ? Integer.parseInt(args[3]) : 20;
        new WireServerBenchmark(reports, threads, steadyRate, steadySeconds).run();
    }

    private void run() throws Exception {
        Path dir = Files.createTempDirectory("wire-bench");
        try {
            run(dir.resolve("bench.mv"));
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    private void run(Path file) throws Exception {
        System.out.printf(Locale.ROOT, "wire server benchmark: %d reports in a burst, then %d writes/s for %d s; "
                + "%d client threads%n", reports, steadyRate, steadySeconds, threads);
        System.out.printf(Locale.ROOT, "report document: %d bytes of BSON%n", bsonSize(report(0)));
        try (WireServerProcess server = WireServerProcess.start(file, serverJvmFlags())) {
            System.out.printf(Locale.ROOT, "server started (pid %d), %d ms CPU to start%n", server.pid(),
                    server.cpu().toMillis());
            try (MongoClient client = MongoClients.create(MongoClientSettings.builder()
                    .applyConnectionString(new ConnectionString(server.uri()))
                    .applyToConnectionPoolSettings(pool -> pool.maxSize(threads).minSize(threads))
                    .build())) {
                client.getDatabase("keywork-bench").createCollection("progress_reports");
                MongoCollection<Document> collection =
                        client.getDatabase("keywork-bench").getCollection("progress_reports");
                IntConsumer insert = i -> collection.insertOne(report(i));
                IntConsumer pull = i -> collection.updateOne(eq("_id", reportId(i)),
                        pull("outbox", new Document("eventId", eventId(i))));
                burst(null, server, 0, WARM_UP, insert);
                burst("burst insert", server, WARM_UP, reports, insert);
                burst("burst $pull", server, 0, reports, pull);
                nextReport.set(reports);
                steady(server, insert, pull, () -> collection.find(exists("outbox.0")).into(new ArrayList<>()));
                idle(server, "idle, first 10 s");
                idle(server, "idle, next 10 s");
                printSize("file while running", file);
            }
            server.stop();
        }
        printSize("file after closing", file);
        try (WireServerProcess reopened = WireServerProcess.start(file);
                MongoClient client = MongoClients.create(reopened.uri())) {
            MongoCollection<Document> collection =
                    client.getDatabase("keywork-bench").getCollection("progress_reports");
            long stored = collection.countDocuments();
            long withOutbox = collection.countDocuments(exists("outbox.0"));
            System.out.printf(Locale.ROOT, "reopened: %d reports stored (expected %d), %d still with an outbox "
                    + "entry (expected 0)%n", stored, nextReport.get(), withOutbox);
            printSize("file after reopening", file);
            reopened.stop();
        }
    }

    /** Writes reports {@code from} to {@code to} as fast as the client threads go; prints unless name is null. */
    private void burst(String name, WireServerProcess server, int from, int to, IntConsumer write) throws Exception {
        long[] latencies = new long[to - from];
        AtomicInteger next = new AtomicInteger(from);
        Measurement measurement = new Measurement(server);
        runThreads(() -> {
            for (int i; (i = next.getAndIncrement()) < to; ) {
                long begin = System.nanoTime();
                write.accept(i);
                latencies[i - from] = System.nanoTime() - begin;
            }
        });
        if (name != null) {
            measurement.print(name, to - from, latencies);
        }
    }

    /**
     * Each thread stores a report and pulls its outbox entry, paced to {@link #steadyRate} writes per second; with
     * {@code -Dwire.bench.scanMillis=N} one more thread also reads the whole collection every N ms, as an outbox relay
     * polling for unpublished entries does.
     */
    private void steady(WireServerProcess server, IntConsumer insert, IntConsumer pull, Runnable scan)
            throws Exception {
        long scanMillis = Long.getLong("wire.bench.scanMillis", 0);
        AtomicInteger scans = new AtomicInteger();
        Thread scanner = new Thread(() -> {
            while (scanMillis > 0 && !Thread.currentThread().isInterrupted()) {
                scan.run();
                scans.incrementAndGet();
                try {
                    Thread.sleep(scanMillis);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        scanner.start();
        try {
            steady(server, insert, pull);
        } finally {
            scanner.interrupt();
            scanner.join();
        }
        if (scanMillis > 0) {
            System.out.printf(Locale.ROOT, "  (%d scans of the whole collection meanwhile)%n", scans.get());
        }
    }

    private void steady(WireServerProcess server, IntConsumer insert, IntConsumer pull) throws Exception {
        int pairs = steadyRate / 2 * steadySeconds;
        long[] latencies = new long[2 * pairs];
        AtomicInteger done = new AtomicInteger();
        long intervalNanos = 1_000_000_000L * threads * 2 / steadyRate;
        Measurement measurement = new Measurement(server);
        long start = System.nanoTime();
        runThreads(() -> {
            long due = start + (long) (Math.random() * intervalNanos);
            for (int n; (n = done.getAndIncrement()) < pairs; due += intervalNanos) {
                LockSupport.parkNanos(due - System.nanoTime());
                int report = nextReport.getAndIncrement();
                long begin = System.nanoTime();
                insert.accept(report);
                long inserted = System.nanoTime();
                pull.accept(report);
                latencies[2 * n] = inserted - begin;
                latencies[2 * n + 1] = System.nanoTime() - inserted;
            }
        });
        measurement.print("steady " + steadyRate + "/s", 2 * pairs, latencies);
    }

    private void runThreads(Runnable work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                workers.add(pool.submit(work));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    private static void idle(WireServerProcess server, String name) throws InterruptedException {
        Duration before = server.cpu();
        Thread.sleep(IDLE_WINDOW.toMillis());
        Duration idle = server.cpu().minus(before);
        System.out.printf(Locale.ROOT, "%-17s server CPU %d ms in %d s (%.1f %% of a core)%n", name + ":",
                idle.toMillis(), IDLE_WINDOW.toSeconds(), 100.0 * idle.toMillis() / IDLE_WINDOW.toMillis());
    }

    private void printSize(String what, Path file) throws Exception {
        long size = Files.size(file);
        System.out.printf(Locale.ROOT, "%-25s %8.1f MB, %6.0f bytes per report (%d reports)%n", what + ":",
                size / 1024.0 / 1024.0, (double) size / nextReport.get(), nextReport.get());
    }

    /** Extra JVM flags for the server under test, space-separated in {@code -Dwire.bench.jvmFlags=...}. */
    private static List<String> serverJvmFlags() {
        String flags = System.getProperty("wire.bench.jvmFlags", "").trim();
        return flags.isEmpty() ? List.of() : List.of(flags.split("\\s+"));
    }

    /** Wall time and the CPU of server and client over a stretch of work. */
    private static final class Measurement {

        private final WireServerProcess server;
        private final long start = System.nanoTime();
        private final Duration serverCpu;
        private final long clientCpuNanos = clientCpuNanos();

        Measurement(WireServerProcess server) {
            this.server = server;
            this.serverCpu = server.cpu();
        }

        void print(String name, int writes, long[] latencies) {
            long wallNanos = System.nanoTime() - start;
            long serverNanos = server.cpu().minus(serverCpu).toNanos();
            long clientNanos = clientCpuNanos() - clientCpuNanos;
            Arrays.sort(latencies);
            System.out.printf(Locale.ROOT, "%-17s %6.0f writes/s, latency p50 %.1f ms p99 %.1f ms; server CPU %3.0f %% "
                            + "of a core (%.3f ms per write), client CPU %3.0f %%%n",
                    name + ":", writes / (wallNanos / 1e9), latencies[latencies.length / 2] / 1e6,
                    latencies[latencies.length * 99 / 100] / 1e6, 100.0 * serverNanos / wallNanos,
                    serverNanos / 1e6 / writes, 100.0 * clientNanos / wallNanos);
        }

        private static long clientCpuNanos() {
            return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                    .getProcessCpuTime();
        }
    }

    private static String reportId(int i) {
        // client-chosen ids, not in insertion order, as departments' report ids are
        return "dept-%03d-2021-%02d-%d".formatted(Integer.reverse(i) >>> 22 & 0x3ff, i % 12 + 1, i);
    }

    private static String eventId(int i) {
        return new UUID(0x6b6579776f726bL, i).toString();
    }

    /** A progress report as progress-service stores it: the report and its event in the embedded outbox. */
    static Document report(int i) {
        String id = reportId(i);
        Instant at = Instant.parse("2021-09-30T10:00:00Z").plusMillis(i);
        String envelope = """
                {"eventId":"%s","type":"ProgressReported","occurredAt":"%s","source":"progress-service",\
                "itemId":"5.%d","data":{"reportId":"%s","planYear":2021,"itemId":"5.%d","targetId":"5.%d#1",\
                "targetKind":"INDICATOR","value":%d,"reachedOn":null,"asOf":"2021-09-30",\
                "department":"区民政局","note":"两处选址仍在协调，预计十月底前完成签约","acceptedAt":"%s",\
                "supersedes":null,"state":null},"trace":{"traceId":"4bf92f3577b34da6a3ce929d0e0e4736",\
                "spanId":"00f067aa0ba902b7"},"schema":"keywork.progress.ProgressReported/1"}"""
                .formatted(eventId(i), at, i % 40, id, i % 40, i % 40, i % 7, at);
        Document outbox = new Document("eventId", eventId(i))
                .append("topic", "keywork.progress.reports")
                .append("key", "5." + i % 40)
                .append("type", "ProgressReported")
                .append("occurredAt", Date.from(at))
                .append("envelope", envelope);
        return new Document("_id", id)
                .append("planYear", 2021)
                .append("itemId", "5." + i % 40)
                .append("targetId", "5." + i % 40 + "#1")
                .append("targetKind", "INDICATOR")
                .append("value", new Decimal128(i % 7))
                .append("asOf", Date.from(Instant.parse("2021-09-30T00:00:00Z")))
                .append("department", "区民政局")
                .append("note", "两处选址仍在协调，预计十月底前完成签约")
                .append("acceptedAt", Date.from(at))
                .append("outbox", List.of(outbox))
                .append("_class", "org.keywork.progress.report.ProgressReport");
    }

    private static int bsonSize(Document document) {
        BsonDocument bson = document.toBsonDocument();
        return new RawBsonDocument(bson, new BsonDocumentCodec()).getByteBuffer().remaining();
    }
}
