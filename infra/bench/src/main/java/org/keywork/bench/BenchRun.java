package org.keywork.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.keywork.stack.LocalStack;
import org.keywork.stack.Part;
import org.keywork.stack.RunningPart;
import org.keywork.stack.StackConfig;
import tools.jackson.databind.JsonNode;

/**
 * The phases of one benchmark run against a stack this run started. Each phase is bounded in requests and time,
 * records what it got (errors and timeouts by kind) as {@link Row}s, and a failing phase does not stop the others.
 *
 * <h2>Data and clock</h2>
 * The business clock is set once to {@value #SETUP_CLOCK} (so that reports dated in {@value #FILL_YEAR} are not
 * "in the future" and the 2021 seed is past its year). A generated plan for {@value #FILL_YEAR} ("fill plan", one
 * count indicator per item, target {@value PlanDocument#TARGET_VALUE}) carries the load: its first items are the
 * report → alert probes (each probe is the first report of its indicator, value 0 as of 30 September: RED, a new
 * alert), the others take the throughput, background and bulk reports, all at the target (DONE, so that the load
 * itself raises no alerts). Before month end every fill item is closed DONE, so the month-end sweep finds work only
 * in the {@value #PLAN_YEAR} plan: per indicator one behind-curve RED alert and one missing-report alert.
 */
final class BenchRun {

    static final int FILL_YEAR = 2030;
    static final int PLAN_YEAR = 2031;
    static final String SETUP_CLOCK = "2031-01-06T10:00:00+08:00";
    /** The first business moment after the April–May reporting deadline: May's report is missing. */
    static final String MONTH_END_CLOCK = "2031-06-01T09:00:00+08:00";
    static final String ADVANCE = "P10D";
    static final int PER_SECTION = 100;
    static final String DEPARTMENT = "基准测试";
    static final int BULK_CHUNK = 2_000;

    static final String P_KAFKA = "Kafka 原始吞吐 raw Kafka";
    static final String P_THROUGHPUT = "报告吞吐 report throughput";
    static final String P_ALERT = "报告→提醒 report → alert";
    static final String P_DASHBOARD = "总览 dashboard summary";
    static final String P_HISTORY = "单事项历史 item history";
    static final String P_STORE = "存储 embedded store";
    static final String P_MONTH = "月末 month end";
    static final String P_RUN = "运行 run";

    private final BenchOptions opt;
    private final PrintStream out;
    private final StackConfig config;
    private final LocalStack stack;
    private final Api api;
    private final List<Row> rows = Collections.synchronizedList(new ArrayList<>());
    private final List<String> log = Collections.synchronizedList(new ArrayList<>());
    private final long started = System.nanoTime();
    private final String tag;
    private final AtomicLong reportSeq = new AtomicLong();
    private final AtomicLong ownAccepted = new AtomicLong();

    /** The throughput the issue asks of the gateway. */
    static final int TARGET_REPORTS_PER_SECOND = 1500;

    private List<String> probeItems = List.of();
    private List<String> fillItems = List.of();
    private final List<Chart.Breakdown> breakdowns = new java.util.ArrayList<>();
    private double rawKafkaPerSecond = Double.NaN;
    private boolean fillPlanReady;

    /** The JVM flags the stack's services run with (printed with the table: they change every number). */
    List<String> serviceJvmFlags() {
        return config.serviceJvmFlags();
    }

    BenchRun(BenchOptions opt, PrintStream out, StackConfig config, LocalStack stack) {
        this.opt = opt;
        this.out = out;
        this.config = config;
        this.stack = stack;
        this.api = new Api(opt.requestTimeout(), config.partEnvironment().get(BenchMain.SECRET_VARIABLE));
        this.tag = Long.toString(System.currentTimeMillis() / 1000 % 10_000_000, 36);
    }

    /** Each throughput run's CPU per report by part, for the chart. */
    List<Chart.Breakdown> breakdowns() {
        synchronized (breakdowns) {
            return List.copyOf(breakdowns);
        }
    }

    static Map<String, Double> sortedByValue(Map<String, Double> values) {
        Map<String, Double> sorted = new LinkedHashMap<>();
        values.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }

    List<Row> rows() {
        synchronized (rows) {
            return List.copyOf(rows);
        }
    }

    List<String> log() {
        synchronized (log) {
            return List.copyOf(log);
        }
    }

    void close() {
        api.shutdown();
    }

    // ------------------------------------------------------------------------------------------------ plumbing

    String gateway() {
        return config.serviceUrl(Part.GATEWAY);
    }

    String url(Part part) {
        return config.serviceUrl(part);
    }

    void say(String line) {
        long s = (System.nanoTime() - started) / 1_000_000_000L;
        String stamped = String.format(Locale.ROOT, "[%02d:%02d] %s", s / 60, s % 60, line);
        out.println(stamped);
        log.add(stamped);
    }

    private void add(Row row) {
        rows.add(row);
    }

    /** Runs a phase; a failure becomes a row naming it, and the run goes on. */
    void phase(String name, String title, ThrowingRunnable body) {
        if (!opt.runs(name)) {
            return;
        }
        long begin = System.nanoTime();
        say("▶ " + title);
        try {
            body.run();
            say("✔ " + title + String.format(Locale.ROOT, "（%.0f s）", (System.nanoTime() - begin) / 1e9));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            say("✘ " + title + " 被中断");
            throw new IllegalStateException("interrupted", e);
        } catch (Exception e) {
            say("✘ " + title + " 失败：" + e);
            add(Row.info(title, "阶段失败 phase failed", Double.NaN, "", Api.abbreviate(String.valueOf(e))));
        }
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    private String reportJson(String itemId, int year, String asOf, int value) {
        return "{\"reportId\":\"b" + tag + "-" + reportSeq.incrementAndGet() + "\",\"planYear\":" + year
                + ",\"itemId\":\"" + itemId + "\",\"targetId\":\"" + itemId + "#1\",\"value\":" + value
                + ",\"asOf\":\"" + asOf + "\",\"department\":\"" + DEPARTMENT + "\"}";
    }

    /** A report at the target (DONE: the load raises no alerts) on the n-th fill item. */
    private HttpRequest loadReport(String base, long n) {
        String item = fillItems.get((int) (n % fillItems.size()));
        return api.request(base + "/api/progress").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(reportJson(item, FILL_YEAR, FILL_YEAR + "-06-30",
                        PlanDocument.TARGET_VALUE), StandardCharsets.UTF_8)).build();
    }

    private double metric(Part part, String name, Map<String, String> labels) {
        try {
            return PrometheusText.sum(api.getText(url(part) + "/actuator/prometheus"), name, labels);
        } catch (Exception e) {
            return Double.NaN;
        }
    }

    double acceptedReports() {
        return metric(Part.PROGRESS, "keywork_progress_reports_total", Map.of("outcome", "accepted"));
    }

    double appliedReports() {
        return metric(Part.GOAL, "keywork_goal_reports_applied_total", Map.of());
    }

    double alerts(String outcome) {
        return metric(Part.NOTIFICATION, "keywork_alerts_total", Map.of("outcome", outcome));
    }

    Map<String, Long> partPids() {
        Map<String, Long> pids = new LinkedHashMap<>();
        for (RunningPart rp : stack.running()) {
            if (rp.isAlive()) {
                pids.put(rp.part().id(), rp.pid());
            }
        }
        return pids;
    }

    /**
     * Waits until the stack has nothing left to send: no event pending in any service's outbox and no message sent
     * or failed (inbox, mail, robots) for 5 s; at most {@code max}. Returns the seconds it waited.
     */
    double waitDrained(Duration max) throws InterruptedException {
        long begin = System.nanoTime();
        double lastDeliveries = -1; // no count yet: the first look never ends the wait
        while (System.nanoTime() - begin < max.toNanos()) {
            double pending = 0;
            for (Part part : List.of(Part.GOAL, Part.PROJECT, Part.PROGRESS, Part.NOTIFICATION)) {
                double waiting = metric(part, "keywork_outbox_pending", Map.of());
                pending += Double.isNaN(waiting) ? 0 : waiting;
            }
            // sent or failed: a channel whose breaker is open counts a "deferred" at every round, for ever
            double deliveries = 0;
            for (String outcome : List.of("sent", "failed")) {
                double count = metric(Part.NOTIFICATION, "keywork_delivery_total", Map.of("outcome", outcome));
                deliveries += Double.isNaN(count) ? 0 : count;
            }
            if (pending == 0 && deliveries == lastDeliveries) {
                break;
            }
            lastDeliveries = deliveries;
            Thread.sleep(5000);
        }
        return (System.nanoTime() - begin) / 1e9;
    }

    /** Waits until the stack uses less than {@code percentOfCore} of one core over 2 s, at most {@code max}. */
    double waitQuiet(double percentOfCore, Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        double total;
        do {
            total = CpuSampler.sample(partPids(), 2000).get("合计 total");
        } while (total > percentOfCore && System.nanoTime() < deadline);
        return total;
    }

    private void setClock(String now, String reason) throws IOException, InterruptedException {
        api.expect(api.request(url(Part.GOAL) + "/api/admin/clock").header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"now\":\"" + now + "\",\"reason\":\"" + reason + "\"}"))
                .build(), 200);
    }

    /**
     * Imports a plan: the answer (200), or, when goal-service goes on with it as a job (202, a large plan), the job
     * followed at {@code /api/plans/jobs/{id}} until it is done, with its progress shown, and the plan it stored.
     */
    private JsonNode importPlan(String document, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpResponse<String> answer = api.send(api.request(url(Part.GOAL) + "/api/plans/import?dryRun=false", timeout)
                .header("Content-Type", "text/plain; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(document, StandardCharsets.UTF_8)).build());
        if (answer.statusCode() == 200) {
            return Api.JSON.readTree(answer.body());
        }
        if (answer.statusCode() != 202) {
            throw new IOException("POST /api/plans/import: HTTP " + answer.statusCode() + " "
                    + Api.abbreviate(answer.body()));
        }
        JsonNode job = Api.JSON.readTree(answer.body());
        String status = url(Part.GOAL) + "/api/plans/jobs/" + job.path("jobId").asString();
        long shown = 0;
        while ("RUNNING".equals(job.path("state").asString())) {
            if (System.nanoTime() > deadline) {
                throw new IOException("plan import job still running after " + timeout.toSeconds() + " s: "
                        + Api.abbreviate(job.toString()));
            }
            if (System.nanoTime() - shown > 5_000_000_000L) {
                say(String.format(Locale.ROOT, "  导入任务进行中：%,d / %,d 个事项（%d%%）", job.path("itemsDone").asInt(),
                        job.path("itemsTotal").asInt(), job.path("percent").asInt()));
                shown = System.nanoTime();
            }
            Thread.sleep(250);
            job = api.getJson(status);
        }
        if (!"DONE".equals(job.path("state").asString())) {
            throw new IOException("plan import job " + job.path("state").asString() + ": "
                    + Api.abbreviate(job.toString()));
        }
        return Api.JSON.createObjectNode().set("plan", api.getJson(url(Part.GOAL) + job.path("plan").asString()));
    }

    /** Uploads CSV rows in chunks on progress-service directly; returns the rows accepted (202). */
    /** Attempts of one bulk upload whose connection broke before the answer. */
    static final int UPLOAD_ATTEMPTS = 3;

    private long bulk(List<String> csvRows, String uploadPrefix, Duration timeout, Map<String, Long> errors)
            throws InterruptedException {
        long accepted = 0;
        for (int from = 0; from < csvRows.size(); from += BULK_CHUNK) {
            List<String> chunk = csvRows.subList(from, Math.min(csvRows.size(), from + BULK_CHUNK));
            accepted += upload(chunk, uploadPrefix + "-" + from, timeout, errors);
        }
        return accepted;
    }

    /**
     * Uploads one chunk; a connection that breaks before the answer (an {@code IOException} other than a time-out) is
     * tried again with the same upload id, as a client would, at most {@value #UPLOAD_ATTEMPTS} times: progress-service
     * answers a repeated upload id as before and stores nothing twice. Each broken attempt is counted as an error.
     */
    private int upload(List<String> chunk, String uploadId, Duration timeout, Map<String, Long> errors)
            throws InterruptedException {
        StringBuilder csv = new StringBuilder("reportId,planYear,itemId,targetId,value,asOf,department\n");
        chunk.forEach(r -> csv.append(r).append('\n'));
        for (int attempt = 1; attempt <= UPLOAD_ATTEMPTS; attempt++) {
            try {
                HttpResponse<String> response = api.send(api.request(url(Part.PROGRESS)
                        + "/api/progress/bulk?uploadId=" + uploadId, timeout)
                        .header("Content-Type", "text/csv; charset=UTF-8")
                        .POST(HttpRequest.BodyPublishers.ofString(csv.toString(), StandardCharsets.UTF_8)).build());
                if (response.statusCode() == 202) {
                    ownAccepted.addAndGet(chunk.size());
                    return chunk.size();
                }
                synchronized (errors) {
                    errors.merge("HTTP " + response.statusCode(), 1L, Long::sum);
                }
                if (response.statusCode() == 400 || response.statusCode() == 422) {
                    say("  批量上传被拒绝：" + Api.abbreviate(response.body()));
                }
                return 0;
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                String kind = Api.failureKind(e);
                synchronized (errors) {
                    errors.merge(kind, 1L, Long::sum);
                }
                if (!kind.startsWith("io:")) {
                    return 0;
                }
            }
        }
        return 0;
    }

    private String csvRow(String itemId, int year, LocalDate asOf, int value, String reportId) {
        return reportId + "," + year + "," + itemId + "," + itemId + "#1," + value + "," + asOf + "," + DEPARTMENT;
    }

    private static String ms(double millis) {
        return Double.isNaN(millis) ? "n/a" : Row.format(millis) + " ms";
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
    }

    // ------------------------------------------------------------------------------------------------ setup

    /** Signs in, sets the clock, imports and publishes the fill plan; without it the report phases cannot run. */
    void setup() throws Exception {
        long begin = System.nanoTime();
        api.signIn(gateway(), "admin", "admin-2021");
        setClock(SETUP_CLOCK, "bench: setup");
        // the 2021 seed is now past its year: its sweep raises overdue alerts; let it settle before measuring
        waitQuiet(40, Duration.ofSeconds(opt.quick() ? 20 : 45));
        int items = opt.fillItems();
        int probes = opt.idleProbes() + opt.loadedProbes();
        if (items < probes + 10) {
            throw new IllegalArgumentException("--fill-items must be at least " + (probes + 10));
        }
        JsonNode imported = importPlan(PlanDocument.generate(FILL_YEAR, items, PER_SECTION, "基准区"),
                opt.importBudget());
        int parsedItems = imported.path("plan").path("counts").path("items").asInt();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < items; i++) {
            ids.add(PlanDocument.itemId(i, PER_SECTION));
        }
        probeItems = List.copyOf(ids.subList(0, probes));
        fillItems = List.copyOf(ids.subList(probes, ids.size()));
        say(String.format(Locale.ROOT, "  负载计划 %d 年已导入：%d 个事项（%d 个用于提醒探针），%s", FILL_YEAR, parsedItems,
                probes, seconds(System.nanoTime() - begin)));
        // progress-service learns the plan from Kafka: wait until it accepts a report on the last item
        long deadline = System.nanoTime() + Duration.ofSeconds(opt.quick() ? 60 : 120).toNanos();
        String last = fillItems.get(fillItems.size() - 1);
        while (true) {
            HttpResponse<String> r = api.send(api.postJson(url(Part.PROGRESS) + "/api/progress",
                    reportJson(last, FILL_YEAR, FILL_YEAR + "-06-30", PlanDocument.TARGET_VALUE)));
            if (r.statusCode() == 202) {
                ownAccepted.incrementAndGet();
                break;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("progress-service does not know the " + FILL_YEAR
                        + " plan: HTTP " + r.statusCode() + " " + Api.abbreviate(r.body()));
            }
            Thread.sleep(500);
        }
        waitQuiet(40, Duration.ofSeconds(opt.quick() ? 15 : 30));
        fillPlanReady = true;
        warmUp();
        say("  准备完成，用时 " + seconds(System.nanoTime() - begin));
    }

    /**
     * Sends reports through the gateway for {@code --warmup-seconds}, not measured, then waits until every one is
     * judged and the stack is quiet: the services' JIT compilers have then compiled the report path, and every phase
     * measures a warm stack, as one that has run for a while (the first minutes after start, when two JIT compilers
     * per JVM compete for two cores, are what "stack start" stands for).
     */
    private void warmUp() throws InterruptedException {
        if (opt.warmup().isZero()) {
            return;
        }
        long begin = System.nanoTime();
        LoadResult r = ClosedLoad.run(api.client(), 32, opt.warmup(), opt.maxRequestsPerRun(),
                n -> loadReport(gateway(), n), s -> s == 202, opt.requestTimeout());
        ownAccepted.addAndGet(r.ok());
        awaitJudged(Duration.ofSeconds(opt.quick() ? 60 : 120));
        waitQuiet(40, Duration.ofSeconds(opt.quick() ? 30 : 60));
        say(String.format(Locale.ROOT, "  预热 warm-up：经网关 %,d 份报告（%.0f 份/s），全部研判、环境空闲，用时 %s", r.ok(),
                r.perSecond(), seconds(System.nanoTime() - begin)));
    }

    /** Waits (at most {@code budget}) until goal-service has judged every report progress-service accepted. */
    private void awaitJudged(Duration budget) throws InterruptedException {
        long deadline = System.nanoTime() + budget.toNanos();
        while (System.nanoTime() < deadline) {
            double accepted = acceptedReports();
            double applied = appliedReports();
            if (Double.isNaN(accepted) || Double.isNaN(applied) || applied >= accepted) {
                return;
            }
            Thread.sleep(1000);
        }
    }

    boolean fillPlanReady() {
        return fillPlanReady;
    }

    // ------------------------------------------------------------------------------------------------ raw Kafka

    void rawKafka() throws Exception {
        String topic = "keywork.bench.raw";
        Properties admin = new Properties();
        admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafkaBootstrap());
        try (Admin a = Admin.create(admin)) {
            try {
                a.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
            } catch (java.util.concurrent.ExecutionException e) {
                // exists from an earlier phase: fine
            }
        }
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafkaBootstrap());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "keywork-bench");
        byte[] payload = new byte[512];
        new java.util.Random(7).nextBytes(payload);
        AtomicLong acked = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long sent = 0;
        long begin = System.nanoTime();
        long deadline = begin + opt.kafkaDuration().toNanos();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            while (sent < opt.kafkaRecords() && System.nanoTime() < deadline) {
                producer.send(new ProducerRecord<>(topic, payload), (meta, e) -> {
                    if (e == null) {
                        acked.incrementAndGet();
                    } else {
                        failed.incrementAndGet();
                    }
                });
                sent++;
            }
            producer.flush();
        }
        long took = System.nanoTime() - begin;
        rawKafkaPerSecond = acked.get() / (took / 1e9);
        add(Row.info(P_KAFKA, "Kafka 生产者吞吐 producer records/s（512 B，acks=all）", rawKafkaPerSecond,
                "records/s", String.format(Locale.ROOT, "%,d 条，%s，%.1f MB/s，失败 %d；同一 broker", acked.get(),
                        seconds(took), rawKafkaPerSecond * 512 / 1e6, failed.get())));
        say(String.format(Locale.ROOT, "  Kafka：%,.0f records/s", rawKafkaPerSecond));
    }

    // ------------------------------------------------------------------------------------------------ throughput

    void throughput() throws Exception {
        requireFillPlan();
        for (boolean viaGateway : new boolean[] {true, false}) {
            String base = viaGateway ? gateway() : url(Part.PROGRESS);
            String where = viaGateway ? "网关" : "直连 progress-service";
            String whereEn = viaGateway ? "gateway" : "direct";
            boolean warmed = false;
            for (int clients : opt.clients()) {
                if (!warmed) {
                    // the stack is warm (setup); this only opens this path's connections
                    ClosedLoad.run(api.client(), clients, Duration.ofSeconds(3), opt.maxRequestsPerRun(),
                            n -> loadReport(base, n), s -> s == 202, opt.requestTimeout());
                    warmed = true;
                    Thread.sleep(2000);
                }
                Map<String, Long> parts = partPids();
                Map<String, Long> cpuBefore = CpuSampler.snapshot(parts);
                long benchBefore = CpuSampler.ownTicks(ProcessHandle.current().pid());
                LoadResult r = ClosedLoad.run(api.client(), clients, opt.runDuration(), opt.maxRequestsPerRun(),
                        n -> loadReport(base, n), s -> s == 202, opt.requestTimeout());
                Map<String, Double> cpuPerReport = CpuSampler.millisPer(cpuBefore, CpuSampler.snapshot(parts),
                        r.ok());
                long benchTicks = CpuSampler.ownTicks(ProcessHandle.current().pid()) - benchBefore;
                ownAccepted.addAndGet(r.ok());
                String label = where + " " + clients + " 并发";
                String en = " (" + whereEn + ", " + clients + " clients)";
                String how = String.format(Locale.ROOT, "%,d 份已受理，%s，按%s结束", r.ok(),
                        seconds(r.elapsed().toNanos()), r.stoppedBy().equals("time") ? "时间" : "请求数");
                if (viaGateway) {
                    add(Row.judged(P_THROUGHPUT, label + " 吞吐 reports/s" + en, r.perSecond(), "reports/s",
                            Target.atLeast(TARGET_REPORTS_PER_SECOND), how));
                    add(Row.judged(P_THROUGHPUT, label + " 错误 errors" + en, r.errorCount(), "",
                            Target.atMost(0), r.errorsText()));
                } else {
                    add(Row.info(P_THROUGHPUT, label + " 吞吐 reports/s" + en, r.perSecond(), "reports/s", how));
                    add(Row.info(P_THROUGHPUT, label + " 错误 errors" + en, r.errorCount(), "", r.errorsText()));
                }
                add(Row.info(P_THROUGHPUT, label + " 延迟 p50" + en, r.latencies().percentileMillis(50), "ms",
                        "成功请求 successful requests"));
                add(Row.info(P_THROUGHPUT, label + " 延迟 p99" + en, r.latencies().percentileMillis(99), "ms",
                        "最大 max " + ms(r.latencies().maxMillis())));
                if (!cpuPerReport.isEmpty()) {
                    Chart.Breakdown breakdown = new Chart.Breakdown(label + en, sortedByValue(cpuPerReport),
                            Runtime.getRuntime().availableProcessors() * 1000.0 / TARGET_REPORTS_PER_SECOND);
                    add(cpuRow(label + " 每份报告 CPU CPU per report" + en, breakdown, r, benchTicks));
                    synchronized (breakdowns) {
                        breakdowns.add(breakdown);
                    }
                }
                if (viaGateway && !Double.isNaN(rawKafkaPerSecond)) {
                    add(Row.judged(P_THROUGHPUT, label + " 占 Kafka 比例 share of raw Kafka" + en,
                            r.perSecond() / rawKafkaPerSecond * 100, "%", Target.atLeast(4),
                            String.format(Locale.ROOT, "%,.0f / %,.0f", r.perSecond(), rawKafkaPerSecond)));
                }
                say(String.format(Locale.ROOT, "  %s：%,.0f reports/s，p50 %s，p99 %s，%s", label, r.perSecond(),
                        ms(r.latencies().percentileMillis(50)), ms(r.latencies().percentileMillis(99)),
                        r.errorsText()));
                Thread.sleep(3000); // let a breaker that opened close again before the next run
            }
        }
        drainJudging(Duration.ofSeconds(opt.quick() ? 20 : 30));
    }

    /**
     * Where a report's CPU goes: milliseconds of CPU per accepted report, all parts together, with each part's share,
     * how busy the machine's cores were meanwhile, and what the load generator (this process) used besides. On a
     * saturated machine the throughput is about the cores' milliseconds divided by this sum.
     */
    static Row cpuRow(String label, Chart.Breakdown perReport, LoadResult r, long benchTicks) {
        double total = perReport.total();
        StringBuilder note = new StringBuilder();
        perReport.millisByPart().entrySet()
                .forEach(e -> note.append(note.isEmpty() ? "" : "，").append(e.getKey()).append(' ')
                        .append(String.format(Locale.ROOT, "%.2f", e.getValue())));
        double seconds = r.elapsed().toNanos() / 1e9;
        int cores = Runtime.getRuntime().availableProcessors();
        double busy = seconds <= 0 ? Double.NaN : total * r.ok() / 1000.0 / seconds / cores * 100;
        note.append(String.format(Locale.ROOT, "；各部件合计占整机 %d 核的 %.0f %%，压测客户端另用 %.2f ms/份", cores, busy,
                r.ok() <= 0 ? Double.NaN : benchTicks * 1000.0 / CpuSampler.TICKS_PER_SECOND / r.ok()));
        return Row.info(P_THROUGHPUT, label, total, "ms/report", note.toString());
    }

    private void requireFillPlan() {
        if (!fillPlanReady) {
            throw new IllegalStateException("准备阶段失败（负载计划不可用），跳过");
        }
    }

    // ------------------------------------------------------------------------------------------------ report → alert

    /** One probe: the first report of a fresh indicator, RED; the time until its alert can be read. */
    private double probe(String itemId, Map<String, Long> failures) throws InterruptedException {
        long begin = System.nanoTime();
        long deadline = begin + opt.probeTimeout().toNanos();
        // a refused report is sent again (same reportId, as a client retries) until the probe's time is up;
        // the latency counts from the first attempt
        String body = reportJson(itemId, FILL_YEAR, FILL_YEAR + "-09-30", 0);
        String lastRefusal = null;
        while (true) {
            try {
                HttpResponse<String> posted = api.send(api.postJson(gateway() + "/api/progress", body));
                if (posted.statusCode() == 202) {
                    ownAccepted.incrementAndGet();
                    break;
                }
                lastRefusal = "报告 HTTP " + posted.statusCode();
            } catch (IOException e) {
                lastRefusal = "报告 " + Api.failureKind(e);
            }
            failures.merge("重试 retried after " + lastRefusal, 1L, Long::sum);
            if (System.nanoTime() > deadline) {
                failures.merge("报告未被受理 report never accepted", 1L, Long::sum);
                return Double.NaN;
            }
            Thread.sleep(200);
        }
        String query = url(Part.NOTIFICATION) + "/api/alerts?year=" + FILL_YEAR + "&limit=5&itemId=" + itemId;
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> r = api.send(api.request(query).GET().build());
                if (r.statusCode() == 200 && r.body().contains("\"alertId\"")) {
                    return (System.nanoTime() - begin) / 1e6;
                }
            } catch (IOException e) {
                // keep polling until the probe's time is up
            }
            Thread.sleep(50);
        }
        failures.merge("超时 no alert within " + opt.probeTimeout().toSeconds() + " s", 1L, Long::sum);
        return Double.NaN;
    }

    /**
     * Waits until goal-service has judged every report progress-service accepted (the throughput phase leaves a
     * backlog in Kafka), at most {@code budget}; adds a row with how long that took and at what rate.
     */
    void drainJudging(Duration budget) throws InterruptedException {
        double accepted = acceptedReports();
        double applied0 = appliedReports();
        if (Double.isNaN(accepted) || Double.isNaN(applied0)) {
            return;
        }
        long begin = System.nanoTime();
        long deadline = begin + budget.toNanos();
        double applied = applied0;
        long lastGrowth = begin;
        while (applied < accepted && System.nanoTime() < deadline
                && System.nanoTime() - lastGrowth < Duration.ofSeconds(10).toNanos()) {
            Thread.sleep(1000);
            double now = appliedReports();
            if (now > applied) {
                applied = now;
                lastGrowth = System.nanoTime();
            }
        }
        long took = System.nanoTime() - begin;
        double backlog = accepted - applied0;
        String note = String.format(Locale.ROOT, "吞吐阶段后 goal-service 仍积压 %,.0f 份，%s 内研判 %,.0f 份（%,.0f 份/s）%s",
                Math.max(0, backlog), seconds(took), applied - applied0, (applied - applied0) / (took / 1e9),
                applied >= accepted ? "，已全部研判" : String.format(Locale.ROOT, "，仍差 %,.0f 份", accepted - applied));
        add(Row.info(P_THROUGHPUT, "之后研判积压消化 judging backlog drained afterwards", took / 1e9, "s", note));
        say("  " + note);
    }

    void reportToAlert() throws Exception {
        requireFillPlan();
        waitQuiet(40, Duration.ofSeconds(20));
        AtomicInteger next = new AtomicInteger();
        // idle
        Latencies idle = new Latencies();
        Map<String, Long> idleFailures = new java.util.TreeMap<>();
        long idleEnd = System.nanoTime() + opt.idleBudget().toNanos();
        int idleSent = 0;
        while (idleSent < opt.idleProbes() && System.nanoTime() < idleEnd) {
            double ms = probe(probeItems.get(next.getAndIncrement()), idleFailures);
            idleSent++;
            if (!Double.isNaN(ms)) {
                idle.record((long) (ms * 1e6));
            }
            Thread.sleep(200);
        }
        addProbeRows("空闲 idle", idle, idleSent, idleFailures, "");
        say(String.format(Locale.ROOT, "  空闲：p50 %s，p99 %s，%d/%d 个探针收到提醒", ms(idle.percentileMillis(50)),
                ms(idle.percentileMillis(99)), idle.count(), idleSent));

        // under 200 reports/s of other traffic
        double accepted0 = acceptedReports();
        double applied0 = appliedReports();
        Latencies loaded = new Latencies();
        Map<String, Long> loadedFailures = new java.util.TreeMap<>();
        long begin = System.nanoTime();
        long budgetEnd = begin + opt.loadedBudget().toNanos();
        int sent = 0;
        String background;
        try (RateLoad other = new RateLoad(api.client(), opt.otherTrafficPerSecond(), n -> loadReport(gateway(), n),
                s -> s == 202)) {
            Thread.sleep(3000);
            while (sent < opt.loadedProbes() && System.nanoTime() < budgetEnd) {
                double ms = probe(probeItems.get(next.getAndIncrement()), loadedFailures);
                sent++;
                if (!Double.isNaN(ms)) {
                    loaded.record((long) (ms * 1e6));
                }
                Thread.sleep(250);
            }
            other.close();
            ownAccepted.addAndGet(other.ok());
            background = String.format(Locale.ROOT, "其他流量实际 %.0f/s，%,d 份已受理%s", other.achievedPerSecond(),
                    other.ok(), other.errors().isEmpty() ? "，0 错误" : "，错误 " + other.errors());
        }
        long loadEnded = System.nanoTime();
        addProbeRows("200/s 其他流量下 at 200 reports/s", loaded, sent, loadedFailures, background);
        say(String.format(Locale.ROOT, "  负载下：p50 %s，p99 %s，%d/%d 个探针收到提醒；%s",
                ms(loaded.percentileMillis(50)), ms(loaded.percentileMillis(99)), loaded.count(), sent, background));

        // every report judged: goal-service has applied as many reports as progress-service accepted
        double acceptedDelta = acceptedReports() - accepted0;
        double appliedDelta = Double.NaN;
        long drainDeadline = System.nanoTime() + opt.drainBudget().toNanos();
        while (System.nanoTime() < drainDeadline) {
            appliedDelta = appliedReports() - applied0;
            if (Double.isNaN(appliedDelta) || Double.isNaN(acceptedDelta) || appliedDelta >= acceptedDelta) {
                break;
            }
            Thread.sleep(1000);
        }
        double judgedPct = acceptedDelta > 0 ? Math.min(100, appliedDelta / acceptedDelta * 100) : Double.NaN;
        add(Row.judged(P_ALERT, "负载期间报告全部研判 every report judged", judgedPct, "%", Target.atLeast(100),
                String.format(Locale.ROOT, "goal-service 已研判 %,.0f / progress-service 已受理 %,.0f，停止流量后 %s 内；%s",
                        appliedDelta, acceptedDelta, seconds(System.nanoTime() - loadEnded), background)));
    }

    private void addProbeRows(String when, Latencies l, int probes, Map<String, Long> failures, String extra) {
        String failed = failures.isEmpty() ? "全部收到提醒，无重试"
                : failures.entrySet().stream().map(e -> e.getKey() + " ×" + e.getValue())
                        .collect(Collectors.joining("，"));
        String note = String.format(Locale.ROOT, "%d 个探针，%d 个收到提醒；%s%s", probes, l.count(), failed,
                extra.isEmpty() ? "" : "；" + extra);
        add(Row.info(P_ALERT, "提醒延迟 p50 report→alert（" + when + "）", l.percentileMillis(50), "ms", note));
        if (l.count() < probes || l.count() == 0) {
            add(Row.unfinished(P_ALERT, "提醒延迟 p99 report→alert（" + when + "）", "ms", Target.below(1000),
                    l.count() == 0 ? "无数据 none" : "≥ " + ms(opt.probeTimeout().toMillis()),
                    "有探针未在时限内收到提醒 not every report got its alert: " + failed));
        } else {
            add(Row.judged(P_ALERT, "提醒延迟 p99 report→alert（" + when + "）", l.percentileMillis(99), "ms",
                    Target.below(1000), "最大 max " + ms(l.maxMillis())));
        }
    }

    // ------------------------------------------------------------------------------------------------ dashboard

    void dashboard() throws Exception {
        if (!api.signedIn()) { // the phase alone: no setup signed in
            api.signIn(gateway(), "admin", "admin-2021");
        }
        double cpuBefore = waitQuiet(40, Duration.ofSeconds(15));
        String url = gateway() + "/api/dashboard/summary?year=2021";
        LoadResult r = ClosedLoad.run(api.client(), opt.dashboardClients(), opt.dashboardDuration(),
                opt.maxRequestsPerRun(), n -> api.request(url).GET().build(), s -> s == 200, opt.requestTimeout());
        String label = "总览汇总 " + opt.dashboardClients() + " 并发";
        add(Row.judged(P_DASHBOARD, label + " p95 summary", r.latencies().percentileMillis(95), "ms",
                Target.below(50), String.format(Locale.ROOT, "%,.0f 次/s，p50 %s，p99 %s，%s；开始时环境 CPU %.0f%%（单核）",
                        r.perSecond(), ms(r.latencies().percentileMillis(50)), ms(r.latencies().percentileMillis(99)),
                        r.errorsText(), cpuBefore)));
        add(Row.judged(P_DASHBOARD, label + " 错误 errors", r.errorCount(), "", Target.atMost(0), r.errorsText()));
        say(String.format(Locale.ROOT, "  总览：p95 %s，%,.0f 次/s，%s", ms(r.latencies().percentileMillis(95)),
                r.perSecond(), r.errorsText()));
    }

    // ------------------------------------------------------------------------------------------------ history, store

    void history() throws Exception {
        requireFillPlan();
        double before = acceptedReports();
        long stored0 = Double.isNaN(before) ? ownAccepted.get() : (long) before;
        long need = opt.historyReports() - stored0;
        long fileBefore = fileSize();
        long begin = System.nanoTime();
        long filled = 0;
        Map<String, Long> errors = new java.util.TreeMap<>();
        if (need > 0) {
            int f = fillItems.size();
            long perItem = (need + f - 1) / f;
            AtomicLong nextRow = new AtomicLong();
            AtomicLong accepted = new AtomicLong();
            long deadline = begin + opt.historyBudget().toNanos();
            List<Thread> uploaders = new ArrayList<>();
            for (int u = 0; u < 2; u++) {
                Thread t = new Thread(() -> {
                    while (System.nanoTime() < deadline) {
                        long from = nextRow.getAndAdd(BULK_CHUNK);
                        if (from >= need) {
                            return;
                        }
                        List<String> chunk = new ArrayList<>();
                        for (long i = from; i < Math.min(need, from + BULK_CHUNK); i++) {
                            long round = i / f;
                            LocalDate asOf = LocalDate.of(FILL_YEAR, 7, 1).plusDays(round * 180 / perItem);
                            chunk.add(csvRow(fillItems.get((int) (i % f)), FILL_YEAR, asOf,
                                    PlanDocument.TARGET_VALUE, "b" + tag + "-h" + i));
                        }
                        try {
                            accepted.addAndGet(upload(chunk, "b" + tag + "-h" + from,
                                    Duration.ofSeconds(180), errors));
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                }, "bench-bulk-" + u);
                t.setDaemon(true);
                uploaders.add(t);
                t.start();
            }
            // a line every 15 s: a full run's bulk load takes minutes
            long joinBy = deadline + Duration.ofSeconds(200).toNanos();
            for (Thread t : uploaders) {
                while (t.isAlive() && System.nanoTime() < joinBy) {
                    t.join(Duration.ofSeconds(15).toMillis());
                    if (t.isAlive()) {
                        double s = (System.nanoTime() - begin) / 1e9;
                        say(String.format(Locale.ROOT, "  已写入 %,d / %,d 份（%.0f s，%,.0f 份/s）", accepted.get(),
                                need, s, accepted.get() / s));
                    }
                }
            }
            filled = accepted.get();
        }
        long took = System.nanoTime() - begin;
        double after = acceptedReports();
        long stored = Double.isNaN(after) ? ownAccepted.get() : (long) after;
        long fileAfter = fileSize();
        String fillNote = need <= 0 ? "无需批量写入"
                : String.format(Locale.ROOT, "批量写入 %,d / %,d 份，%s（%,.0f 份/s）%s", filled, need, seconds(took),
                        filled / (took / 1e9), errors.isEmpty() ? "" : "，错误 " + errors);
        add(Row.judged(P_HISTORY, "库内报告总数 reports stored", stored, "", Target.atLeast(opt.historyReports()),
                fillNote + (stored < opt.historyReports() ? "；在时间上限内未达到目标数量" : "")));
        say("  " + fillNote + String.format(Locale.ROOT, "；库内共 %,d 份", stored));

        // one item's history, through the gateway, one client, once the bulk load's judging has calmed down
        double cpuBefore = waitQuiet(40, Duration.ofSeconds(opt.quick() ? 15 : 30));
        Latencies l = new Latencies();
        Map<String, Long> failures = new java.util.TreeMap<>();
        long sizeSum = 0;
        long deadline = System.nanoTime() + Duration.ofSeconds(opt.quick() ? 15 : 30).toNanos();
        int step = Math.max(1, fillItems.size() / Math.max(1, opt.historyGets()));
        int gets = 0;
        for (int i = 0; i < opt.historyGets() && System.nanoTime() < deadline; i++) {
            String item = fillItems.get((i * step) % fillItems.size());
            long t0 = System.nanoTime();
            try {
                HttpResponse<String> r = api.send(api.request(gateway() + "/api/progress?itemId=" + item + "&year="
                        + FILL_YEAR).GET().build());
                long t = System.nanoTime() - t0;
                gets++;
                if (r.statusCode() == 200) {
                    l.record(t);
                    sizeSum += Api.JSON.readTree(r.body()).size();
                } else {
                    failures.merge("HTTP " + r.statusCode(), 1L, Long::sum);
                }
            } catch (IOException e) {
                gets++;
                failures.merge(Api.failureKind(e), 1L, Long::sum);
            }
        }
        String note = String.format(Locale.ROOT, "%d 次查询（网关，单客户端），每个事项平均 %.0f 份报告；p50 %s，p99 %s%s", gets,
                l.count() == 0 ? 0.0 : (double) sizeSum / l.count(), ms(l.percentileMillis(50)),
                ms(l.percentileMillis(99)), failures.isEmpty() ? "" : "；错误 " + failures);
        add(Row.judged(P_HISTORY, "单事项历史 p95 GET /api/progress?itemId=", l.percentileMillis(95), "ms",
                Target.below(50), note + String.format(Locale.ROOT, "；库内 %,d 份报告；开始时环境 CPU %.0f%%（单核）",
                        stored, cpuBefore)));
        say(String.format(Locale.ROOT, "  历史查询：p95 %s（%s）", ms(l.percentileMillis(95)), note));

        if (filled > 0 && fileAfter > fileBefore) {
            add(Row.info(P_STORE, "写入期间每份报告的增量 growth per report during the bulk load",
                    (fileAfter - fileBefore) / 1024.0 / filled, "KB",
                    String.format(Locale.ROOT, "%,d 字节 / %,d 份", fileAfter - fileBefore, filled)));
        }
    }

    private long fileSize() {
        try {
            return Files.size(config.mongoFile());
        } catch (IOException e) {
            return -1;
        }
    }

    /** Store bytes per report: the wire server's data file over the reports stored. */
    void storeRow() {
        double accepted = acceptedReports();
        long stored = Double.isNaN(accepted) ? ownAccepted.get() : (long) accepted;
        long size = fileSize();
        if (size < 0 || stored < 1000) {
            add(Row.info(P_STORE, "每份报告的存储 store bytes per report", Double.NaN, "KB",
                    size < 0 ? "无法读取数据文件" : "库内报告不到 1,000 份（" + stored + "），不计算"));
            return;
        }
        add(Row.judged(P_STORE, "每份报告的存储 store bytes per report", size / 1024.0 / stored, "KB",
                Target.atMost(5), String.format(Locale.ROOT, "数据文件 %s 共 %,.1f MB / %,d 份报告（文件里也有计划、提醒等）",
                        config.mongoFile().getFileName(), size / 1048576.0, stored)));
        say(String.format(Locale.ROOT, "  存储：%,.1f MB / %,d 份 = %.1f KB/份", size / 1048576.0, stored,
                size / 1024.0 / stored));
    }

    // ------------------------------------------------------------------------------------------------ month end

    /** Closes every fill item at its target, so that month end finds nothing to say about the fill year. */
    void closeFillYear() throws Exception {
        if (!fillPlanReady) {
            return;
        }
        long begin = System.nanoTime();
        List<String> csv = new ArrayList<>();
        List<String> all = new ArrayList<>(probeItems);
        all.addAll(fillItems);
        for (int i = 0; i < all.size(); i++) {
            csv.add(csvRow(all.get(i), FILL_YEAR, LocalDate.of(FILL_YEAR, 12, 31), PlanDocument.TARGET_VALUE,
                    "b" + tag + "-c" + i));
        }
        Map<String, Long> errors = new java.util.TreeMap<>();
        long accepted = bulk(csv, "b" + tag + "-close", Duration.ofSeconds(180), errors);
        double quiet = waitQuiet(40, Duration.ofSeconds(30));
        say(String.format(Locale.ROOT, "  %d 年全部事项已报完成（%,d / %,d 行%s），%s；环境 CPU %.0f%%", FILL_YEAR, accepted,
                csv.size(), errors.isEmpty() ? "" : "，错误 " + errors, seconds(System.nanoTime() - begin), quiet));
    }

    void monthEnd() throws Exception {
        closeFillYear();
        // the plan
        long begin = System.nanoTime();
        JsonNode imported = importPlan(PlanDocument.generate(PLAN_YEAR, opt.planItems(), PER_SECTION, "基准区"),
                opt.importBudget());
        long importTook = System.nanoTime() - begin;
        int items = imported.path("plan").path("counts").path("items").asInt();
        int indicators = imported.path("plan").path("counts").path("indicators").asInt();
        add(Row.info(P_MONTH, "导入 " + Row.format(opt.planItems()) + " 事项计划 plan import", importTook / 1e9, "s",
                String.format(Locale.ROOT, "%,d 个事项、%,d 个指标（goal-service 直连，dryRun=false）", items, indicators)));
        say(String.format(Locale.ROOT, "  %d 年计划：%,d 个事项、%,d 个指标，导入 %s", PLAN_YEAR, items, indicators,
                seconds(importTook)));
        double quiet = waitQuiet(40, Duration.ofSeconds(30));
        say(String.format(Locale.ROOT, "  导入后环境 CPU %.0f%%（单核）", quiet));

        // month end: every indicator of the plan is behind its curve (RED) and its May report is missing
        try (AlertEvents events = new AlertEvents(config.kafkaBootstrap(), PLAN_YEAR)) {
            monthEnd(indicators, events);
        }
    }

    private void monthEnd(int indicators, AlertEvents events) throws Exception {
        long expected = 2L * indicators;
        double raised0 = alerts("raised");
        double raised0n = Double.isNaN(raised0) ? 0 : raised0;
        long t0 = System.nanoTime();
        setClock(MONTH_END_CLOCK, "bench: month end");
        long deadline = t0 + opt.alertsBudget().toNanos();
        double got = 0;
        long reachedAt = -1;
        long lastGrowth = t0;
        while (System.nanoTime() < deadline) {
            Thread.sleep(1000);
            double now = alerts("raised") - raised0n;
            if (now > got) {
                got = now;
                lastGrowth = System.nanoTime();
            }
            if (got >= expected) {
                reachedAt = lastGrowth;
                break;
            }
            if (System.nanoTime() - lastGrowth > Duration.ofSeconds(40).toNanos()) {
                break; // nothing more for 40 s: it will not get there
            }
        }
        String label = "全部月末提醒生成 all month-end alerts exist（" + Row.format(opt.planItems()) + " 事项）";
        String alertNote = String.format(Locale.ROOT, "%,.0f / %,d 条（每个指标一条落后 RED、一条缺报）；Kafka 上已见 %,d 条 AlertRaised",
                got, expected, events.raised());
        if (reachedAt > 0) {
            add(Row.judged(P_MONTH, label, (reachedAt - t0) / 1e9, "s", Target.below(60), alertNote));
        } else {
            add(Row.unfinished(P_MONTH, label, "s", Target.below(60),
                    "> " + seconds(System.nanoTime() - t0), alertNote + "，时限内未全部生成"));
        }
        say(String.format(Locale.ROOT, "  月末提醒：%s，%s", alertNote, reachedAt > 0
                ? "用时 " + seconds(reachedAt - t0) : "未在时限内完成"));

        // escalation: ten days later every unacknowledged alert has climbed to the district head
        double esc0 = alerts("escalated");
        double esc0n = Double.isNaN(esc0) ? 0 : esc0;
        long t1 = System.nanoTime();
        api.expect(api.request(url(Part.GOAL) + "/api/admin/clock/advance").header("Content-Type",
                "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"by\":\"" + ADVANCE + "\"}")).build(),
                200);
        long escDeadline = t1 + opt.escalationBudget().toNanos();
        long lastChange = -1;
        boolean settled = false;
        // settled: every month-end alert has climbed to the top of the ladder (its AlertEscalated events); a pause
        // in the events is not enough (a sweep over thousands of alerts is slow and its steps come in bursts).
        // Nothing at all within 45 s: no ladder to climb here (reported, not judged).
        int alertsToClimb = Math.max(events.raised(), (int) got);
        while (System.nanoTime() < escDeadline) {
            Thread.sleep(1000);
            long last = events.lastEscalatedNanos();
            if (last > t1) {
                lastChange = last;
            }
            int top = events.highestStep();
            if (lastChange > 0 && top >= 0 && events.reachedStep(top) >= alertsToClimb && alertsToClimb > 0) {
                settled = true;
                break;
            }
            if (lastChange < 0 && System.nanoTime() - t1 > Duration.ofSeconds(45).toNanos()) {
                settled = true;
                break;
            }
        }
        double steps = alerts("escalated") - esc0n;
        int top = events.highestStep();
        String escLabel = "升级稳定 escalation settled（时钟前进 10 天）";
        if (reachedAt < 0) {
            say("  注意：月末提醒未全部生成，升级只针对已生成的 " + alertsToClimb + " 条");
        }
        String escNote = String.format(Locale.ROOT, "%,d / %,d 条月末提醒升到最高一级（第 %d 级）；%,d 条有升级事件；计数器 %,.0f 个步骤",
                top < 0 ? 0 : events.reachedStep(top), alertsToClimb, top, events.escalatedAlerts(), steps);
        if (settled && lastChange > 0) {
            add(Row.judged(P_MONTH, escLabel, (lastChange - t1) / 1e9, "s", Target.below(120), escNote));
        } else if (settled) {
            add(Row.info(P_MONTH, escLabel, Double.NaN, "s", "45 s 内没有任何升级步骤 no escalation step seen"));
        } else {
            add(Row.unfinished(P_MONTH, escLabel, "s", Target.below(120), "> " + seconds(System.nanoTime() - t1),
                    escNote + "，时限内未全部升到最高一级" + (reachedAt < 0 ? "（月末提醒本身也未全部生成）" : "")));
        }
        say("  升级：" + escNote + (settled ? "，已稳定" : "，未在时限内稳定"));

        // idle CPU after: once the month end's last messages are out (idle, not "still delivering")
        double drained = waitDrained(Duration.ofSeconds(120));
        Thread.sleep(5000);
        Map<String, Double> cpu = CpuSampler.sample(partPids(), opt.cpuWindow().toMillis());
        double total = cpu.remove("合计 total");
        String perPart = cpu.entrySet().stream().map(e -> e.getKey() + " " + String.format(Locale.ROOT, "%.1f%%",
                e.getValue())).collect(Collectors.joining("，"));
        add(Row.judged(P_MONTH, "之后空闲 CPU idle CPU after（单核百分比，各部件合计）", total, "%", Target.below(5),
                String.format(Locale.ROOT, "待发消息送完（%.0f s）后 %d s 采样：%s；整机 %d 核的 %.1f%%", drained,
                        opt.cpuWindow().toSeconds(), perPart,
                        Runtime.getRuntime().availableProcessors(),
                        total / Runtime.getRuntime().availableProcessors())));
        say(String.format(Locale.ROOT, "  空闲 CPU：%.1f%%（%s）", total, perPart));
    }

    void runInfo(Duration startTook) {
        add(Row.info(P_RUN, "启动整套环境 stack start", startTook.toNanos() / 1e9, "s", "7 个部件依次启动"));
    }
}
