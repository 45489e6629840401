package org.keywork.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two instances of progress-service and of notification-service (as {@code ./keywork up --scale progress-service=2
 * --scale notification-service=2} runs them) on one broker and one store, behind the gateway:
 * <ul>
 * <li>each service's instances share its consumer group's partitions;</li>
 * <li>a leader's two live streams, one on each notification-service instance, both hear of the alert;</li>
 * <li>under 50 reports/s through the gateway, {@code kill -9} of one progress-service instance costs no client an
 * error and loses no report; the alert is raised once, however many reports and instances. The load runs on a stack
 * that has settled after its start and had a few seconds of the same load (a cold stack of nine JVMs on two cores
 * takes seconds per request while it compiles, and sheds load with 503 + Retry-After).</li>
 * </ul>
 * The numbers (requests, errors, latency percentiles around the kill) are printed for the record, not asserted.
 */
class ScaleOutEndToEndIT {

    static final String TARGET = "5.6#1";
    static final int RATE = 50;
    /** Warm-up rounds of this length run until a round's median latency is below {@link #WARM} (at most 30 s). */
    static final Duration WARM_UP = Duration.ofSeconds(4);
    static final Duration WARM = Duration.ofMillis(300);
    static final Duration MAX_WARM_UP = Duration.ofSeconds(30);
    static final Duration LOAD = Duration.ofSeconds(20);
    static final Duration KILL_AFTER = Duration.ofSeconds(8);

    @TempDir
    Path home;

    private LocalStack stack;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    private String gateway;
    private String department;
    private String leader;

    @AfterEach
    void stopEverything() {
        if (stack != null) {
            stack.stopAll();
        }
    }

    @Test
    void twoInstancesShareTheWorkAndAKillUnderLoadCostsNoClientErrorAndLosesNothing() throws Exception {
        StackConfig config = StackConfig.onFreePorts(Repository.root(), home).withStartTimeout(Duration.ofSeconds(180))
                .withInstances(Part.PROGRESS, 2).withInstances(Part.NOTIFICATION, 2);
        stack = new LocalStack(config);
        Instant started = Instant.now();
        // project-service (construction milestones) plays no part here: left out to spare CI a JVM
        stack.start(List.of(Part.KAFKA, Part.MONGO, Part.GOAL, Part.PROGRESS, Part.NOTIFICATION, Part.GATEWAY),
                ProgressListener.SILENT);
        System.out.printf("stack with 2 x progress-service, 2 x notification-service healthy in %.1f s%n",
                Duration.between(started, Instant.now()).toMillis() / 1000.0);
        gateway = "http://127.0.0.1:" + config.port(Part.GATEWAY);
        department = GatewayLogin.token(http, gateway, "dept-minzheng", "dept-minzheng-2021");
        leader = GatewayLogin.token(http, gateway, "leader-minzheng", "leader-minzheng-2021");

        // the plan reaches progress-service as events (on both instances' share of the partitions)
        Awaits.until(Duration.ofSeconds(90), () -> !post(report("probe", 0)).body().contains("unknown-item"));

        // each service's two instances share its consumer group: each was assigned partitions of its own, and no
        // partition is assigned twice
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafkaBootstrap()))) {
            for (Part service : List.of(Part.NOTIFICATION, Part.PROGRESS)) {
                for (Instance instance : config.instancesOf(service)) {
                    Awaits.until(Duration.ofSeconds(60), () -> assignedSomePartitions(config.logFile(instance),
                            service.id()));
                }
                List<String> owned = ownedPartitions(admin, service.id());
                System.out.printf("consumer group %s: %d partitions over its members, each owned once%n",
                        service.id(), owned.size());
                assertThat(owned).isNotEmpty().doesNotHaveDuplicates();
            }
        }

        // the department's qualitative items, on which the load is spread as a department's month-end would be
        List<String> items = new ArrayList<>();
        for (JsonNode item : json.readTree(send(HttpRequest.newBuilder(URI.create(gateway
                + "/api/goals?year=2021&department=" + java.net.URLEncoder.encode("区民政局", StandardCharsets.UTF_8)))
                .header("Authorization", "Bearer " + department).build()).body())) {
            if (item.get("qualitative").asBoolean()) {
                items.add(item.get("itemId").asText());
            }
        }
        assertThat(items).hasSizeGreaterThan(3);

        // a leader with two dashboards open: consecutive streams go to the two instances in turn
        LiveStream first = LiveStream.open(http, gateway, leader);
        LiveStream second = LiveStream.open(http, gateway, leader);

        // the claim is about a kill on a running system, not about a cold one: first the start-up work settles (the
        // plan's events consumed everywhere), then the same load warms every JVM on the path until answers come
        // quickly, its clients doing what the dashboard does with a 503 + Retry-After (wait, send again)
        double load = Awaits.settled(stack, 0.6, Duration.ofSeconds(2), Duration.ofSeconds(45));
        System.out.printf("stack settled: %.2f cores busy over 2 s%n", load);
        for (int round = 1; ; round++) {
            Load warmUp = drive("warm" + round, items, WARM_UP, null, true);
            warmUp.print("warm-up " + round);
            if (warmUp.median().compareTo(WARM) < 0 || round * WARM_UP.toSeconds() >= MAX_WARM_UP.toSeconds()) {
                break;
            }
        }
        long storedBefore = stored();

        // 50 reports/s through the gateway; one progress-service instance is killed (SIGKILL) part way
        Load measured = drive("scale", items, LOAD, KILL_AFTER, false);
        measured.print("kill -9 of progress-service-2");
        int total = (int) (RATE * LOAD.toSeconds());

        // no client saw an error; every report was accepted once and is stored once
        assertThat(measured.failures()).as("client errors").isEmpty();
        assertThat(measured.accepted()).hasSize(total);
        Awaits.until(Duration.ofSeconds(30), () -> stored() >= storedBefore + total);
        assertThat(stored()).isEqualTo(storedBefore + total);

        // the report behind schedule (the probe) raised one alert, whatever the reports since and the number of
        // notification-service instances
        Awaits.until(Duration.ofSeconds(30), () -> !alertsFor(TARGET).isEmpty());
        Thread.sleep(3000);
        assertThat(alertsFor(TARGET)).hasSize(1);
        String alertId = alertsFor(TARGET).get(0).get("alertId").asText();
        // the leader acknowledges it (on whichever instance): both live streams, one per instance, hear of it
        HttpResponse<String> ack = send(HttpRequest.newBuilder(URI.create(gateway + "/api/alerts/" + alertId + "/ack"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + leader)
                .POST(HttpRequest.BodyPublishers.ofString("{\"note\":\"请抓紧协调选址\"}")).build());
        assertThat(ack.statusCode()).as(ack.body()).isEqualTo(200);
        assertThat(first.awaitAlert(alertId, Duration.ofSeconds(30))).as("stream 1").isTrue();
        assertThat(second.awaitAlert(alertId, Duration.ofSeconds(30))).as("stream 2").isTrue();
        first.close();
        second.close();
    }

    /**
     * {@link #RATE} reports per second through the gateway for {@code length}, spread over {@code items}; with
     * {@code killAfter}, progress-service-2 is killed (SIGKILL: no shutdown hook, no goodbye) that far in. With
     * {@code followRetryAfter}, a client answered 503 with Retry-After waits that long and sends the same report
     * again (up to three times); otherwise every answer but 202 is a client error.
     */
    private Load drive(String prefix, List<String> items, Duration length, Duration killAfter,
            boolean followRetryAfter) throws Exception {
        Load load = new Load();
        ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
        int total = (int) (RATE * length.toSeconds());
        CountDownLatch done = new CountDownLatch(total);
        AtomicInteger sent = new AtomicInteger();
        Instant loadStart = Instant.now();
        pacer.scheduleAtFixedRate(() -> {
            int n = sent.getAndIncrement();
            if (n >= total) {
                return;
            }
            String reportId = prefix + "-" + n;
            send(load, reportId, request(stateReport(reportId, items.get(n % items.size()))), System.nanoTime(),
                    followRetryAfter ? 3 : 0, pacer, done);
        }, 0, 1_000_000 / RATE, TimeUnit.MICROSECONDS);
        if (killAfter != null) {
            Thread.sleep(killAfter.toMillis());
            RunningPart victim = stack.running(new Instance(Part.PROGRESS, 2)).orElseThrow();
            Instant killedAt = Instant.now();
            victim.handle().destroyForcibly();
            load.killedAfter(Duration.between(loadStart, killedAt));
        }
        assertThat(done.await(length.toSeconds() + 60, TimeUnit.SECONDS)).isTrue();
        pacer.shutdownNow();
        return load;
    }

    private void send(Load load, String reportId, HttpRequest request, long begin, int retries,
            ScheduledExecutorService pacer, CountDownLatch done) {
        http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, error) -> {
            if (error == null && response.statusCode() == 503 && retries > 0) {
                long wait = response.headers().firstValueAsLong("Retry-After").orElse(1);
                load.retried();
                pacer.schedule(() -> send(load, reportId, request, begin, retries - 1, pacer, done), wait,
                        TimeUnit.SECONDS);
                return;
            }
            load.record(reportId, begin, response == null ? -1 : response.statusCode(),
                    error != null ? error.toString() : response.statusCode() == 202 ? null : response.body());
            done.countDown();
        });
    }

    /** Spring Kafka logs "&lt;group&gt;: partitions assigned: [topic-0, …]" when a consumer of the group gets some. */
    private static boolean assignedSomePartitions(Path log, String group) {
        try {
            return java.nio.file.Files.readAllLines(log, StandardCharsets.UTF_8).stream()
                    .anyMatch(line -> line.matches(".*" + group + ": partitions assigned: \\[[^\\]].*"));
        } catch (Exception e) {
            return false;
        }
    }

    /** Every partition some member of the group holds, once per member holding it. */
    private static List<String> ownedPartitions(Admin admin, String group) throws Exception {
        ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group)).all().get().get(group);
        List<String> owned = new ArrayList<>();
        for (MemberDescription member : description.members()) {
            member.assignment().topicPartitions().forEach(tp -> owned.add(tp.toString()));
        }
        return owned;
    }

    /** How many reports of 区民政局 for 2021 are stored (a page of one; its total). */
    private long stored() {
        try {
            HttpResponse<String> page = send(HttpRequest.newBuilder(URI.create(gateway + "/api/progress?year=2021"
                    + "&page=0&size=1")).header("Authorization", "Bearer " + department).build());
            return json.readTree(page.body()).get("page").get("totalElements").asLong();
        } catch (Exception e) {
            return -1;
        }
    }

    private List<JsonNode> alertsFor(String targetId) {
        List<JsonNode> found = new ArrayList<>();
        try {
            for (JsonNode alert : json.readTree(send(HttpRequest.newBuilder(URI.create(gateway + "/api/alerts"))
                    .header("Authorization", "Bearer " + leader).build()).body())) {
                if (alert.get("targetId").asText().equals(targetId)) {
                    found.add(alert);
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return found;
    }

    private static String report(String reportId, int value) {
        return """
                {"reportId":"%s","itemId":"5.6","targetId":"%s","value":%d,"asOf":"2021-09-30",
                 "department":"区民政局","note":"两处选址仍在协调"}
                """.formatted(reportId, TARGET, value);
    }

    /** A qualitative item's monthly report: 按计划推进. */
    private static String stateReport(String reportId, String itemId) {
        return """
                {"reportId":"%s","itemId":"%s","targetId":"%s","state":"按计划推进","asOf":"2021-09-30",
                 "department":"区民政局","note":"按计划推进"}
                """.formatted(reportId, itemId, itemId);
    }

    private HttpRequest request(String body) {
        return HttpRequest.newBuilder(URI.create(gateway + "/api/progress")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + department)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private HttpResponse<String> post(String body) {
        return send(request(body));
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(request.uri() + ": " + e, e);
        }
    }


    /** What the clients saw: each report's status and latency, relative to the kill. */
    static final class Load {
        private final Map<String, Integer> statuses = new ConcurrentHashMap<>();
        private final List<String> failures = new CopyOnWriteArrayList<>();
        private final List<long[]> latencies = new CopyOnWriteArrayList<>(); // {sentAtNanos, micros}
        private final long origin = System.nanoTime();
        private volatile Duration killedAfter = Duration.ZERO;
        private final AtomicInteger retried = new AtomicInteger();

        void retried() {
            retried.incrementAndGet();
        }

        void record(String reportId, long begin, int status, String problem) {
            statuses.put(reportId, status);
            latencies.add(new long[] {begin - origin, (System.nanoTime() - begin) / 1000});
            if (problem != null) {
                failures.add(reportId + " -> " + status + " " + problem);
            }
        }

        void killedAfter(Duration after) {
            killedAfter = after;
        }

        List<String> failures() {
            return failures;
        }

        Duration median() {
            List<Long> micros = latencies.stream().map(l -> l[1]).sorted().toList();
            return micros.isEmpty() ? Duration.ZERO : Duration.ofNanos(micros.get(micros.size() / 2) * 1000);
        }

        List<String> accepted() {
            return statuses.entrySet().stream().filter(e -> e.getValue() == 202).map(Map.Entry::getKey).toList();
        }

        void print(String what) {
            String latency;
            if (killedAfter.isZero()) {
                latency = percentiles(latencies.stream().map(l -> l[1]).toList());
            } else {
                long kill = killedAfter.toNanos();
                List<Long> before = new ArrayList<>();
                List<Long> around = new ArrayList<>();
                List<Long> after = new ArrayList<>();
                for (long[] l : latencies) {
                    long offset = l[0] - kill;
                    (offset < 0 ? before : offset < Duration.ofSeconds(3).toNanos() ? around : after).add(l[1]);
                }
                what += String.format(" after %.1f s", killedAfter.toMillis() / 1000.0);
                latency = "before " + percentiles(before) + ", first 3 s after " + percentiles(around) + ", later "
                        + percentiles(after);
            }
            System.out.printf("%s, %d reports/s: %d requests, %d client errors, %d sent again after Retry-After;"
                    + " latency p50/p99/max (ms) %s%n", what, RATE, statuses.size(), failures.size(), retried.get(),
                    latency);
            failures.stream().limit(10).forEach(f -> System.out.println("  " + f));
        }

        private static String percentiles(List<Long> micros) {
            if (micros.isEmpty()) {
                return "-";
            }
            List<Long> sorted = new ArrayList<>(micros);
            Collections.sort(sorted);
            return String.format("%.0f/%.0f/%.0f", sorted.get(sorted.size() / 2) / 1000.0,
                    sorted.get(Math.min(sorted.size() - 1, (int) (sorted.size() * 0.99))) / 1000.0,
                    sorted.get(sorted.size() - 1) / 1000.0);
        }
    }

    /** A dashboard's live stream through the gateway, collecting the alert ids it hears of. */
    static final class LiveStream implements AutoCloseable {
        private final HttpResponse<java.io.InputStream> response;
        private final List<String> alertEvents = new CopyOnWriteArrayList<>();
        private final CountDownLatch connected = new CountDownLatch(1);

        private LiveStream(HttpResponse<java.io.InputStream> response) {
            this.response = response;
            Thread reader = new Thread(this::read, "live-stream");
            reader.setDaemon(true);
            reader.start();
        }

        static LiveStream open(HttpClient http, String gateway, String token) throws Exception {
            HttpResponse<java.io.InputStream> response = http.send(HttpRequest.newBuilder(URI.create(gateway
                    + "/api/alerts/stream")).header("Accept", "text/event-stream")
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofInputStream());
            assertThat(response.statusCode()).isEqualTo(200);
            LiveStream stream = new LiveStream(response);
            assertThat(stream.connected.await(20, TimeUnit.SECONDS)).isTrue();
            return stream;
        }

        private void read() {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(),
                    StandardCharsets.UTF_8))) {
                String event = null;
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (line.startsWith(":") && line.contains("connected")) {
                        connected.countDown();
                    } else if (line.startsWith("event:")) {
                        event = line.substring(6).strip();
                    } else if (line.startsWith("data:") && "alert".equals(event)) {
                        alertEvents.add(line.substring(5));
                    } else if (line.isEmpty()) {
                        event = null;
                    }
                }
            } catch (Exception closed) {
                // closed by the test
            }
        }

        boolean awaitAlert(String alertId, Duration wait) throws InterruptedException {
            long deadline = System.nanoTime() + wait.toNanos();
            while (System.nanoTime() < deadline) {
                if (alertEvents.stream().anyMatch(data -> data.contains(alertId))) {
                    return true;
                }
                Thread.sleep(200);
            }
            return false;
        }

        @Override
        public void close() throws Exception {
            response.body().close();
        }
    }
}
