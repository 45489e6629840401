package org.keywork.bench;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.keywork.stack.LocalStack;
import org.keywork.stack.Part;
import org.keywork.stack.PreflightException;
import org.keywork.stack.ProgressListener;
import org.keywork.stack.StackConfig;
import org.keywork.stack.StackControl;
import org.keywork.stack.StartupException;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code ./keywork bench}: starts a stack of its own (free ports, {@code target/bench-home}, the gateway's rate limit
 * off), runs the phases, stops the stack (also on failure and Ctrl-C), prints one table and writes it as Markdown
 * and JSON with a PNG chart under {@code target/bench/}. Exit code 0 when the run completed, whatever the numbers:
 * they are printed, never asserted.
 */
public final class BenchMain {

    /** The marker that makes a directory a bench home, which a later run may wipe. */
    static final String HOME_MARKER = ".keywork-bench-home";

    private BenchMain() {
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        Path repoRoot = Path.of(System.getProperty("keywork.repo", ".")).toAbsolutePath().normalize();
        int rc;
        try {
            rc = run(Arrays.asList(args), System.getenv(), repoRoot, out);
        } catch (IllegalArgumentException e) {
            out.println(e.getMessage());
            out.println();
            out.print(BenchOptions.USAGE);
            rc = 2;
        }
        out.flush();
        System.exit(rc);
    }

    static int run(List<String> args, Map<String, String> env, Path repoRoot, PrintStream out) {
        if (args.contains("--help") || args.contains("-h") || args.contains("help")) {
            out.print(BenchOptions.USAGE);
            return 0;
        }
        BenchOptions opt = BenchOptions.parse(args, env, repoRoot);
        if (opt.home().equals(repoRoot.resolve(".keywork")) || opt.home().equals(repoRoot)) {
            throw new IllegalArgumentException("基准测试不能使用 " + opt.home() + " 作为数据目录。");
        }
        StackConfig config = stackConfig(opt, repoRoot);
        try {
            prepareHome(config, out);
        } catch (IOException | IllegalStateException e) {
            out.println("无法准备数据目录 " + opt.home() + "：" + e.getMessage());
            return 1;
        }
        LocalStack stack = new LocalStack(config);
        BenchRun run = new BenchRun(opt, out, config, stack);
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        AtomicBoolean finished = new AtomicBoolean();
        Thread hook = new Thread(() -> {
            if (finished.compareAndSet(false, true)) {
                out.println();
                out.println("中断：正在停止基准测试启动的环境…");
                stack.stopAll();
                cleanUp(config, opt, out);
                report(run, opt, stamp, out, true);
            }
        }, "bench-stop");
        Runtime.getRuntime().addShutdownHook(hook);

        out.println("Keywork 基准测试" + (opt.quick() ? "（--quick 冒烟运行）" : "") + "：另起一套环境，限流关闭，数据目录 "
                + opt.home());
        if (opt.jars() != null) {
            out.println("服务 jar 来自：" + opt.jars());
        }
        out.println("端口：网关 " + config.port(Part.GATEWAY) + "，Kafka " + config.port(Part.KAFKA) + "，MongoDB "
                + config.port(Part.MONGO) + "；阶段：" + String.join(", ", opt.phases()));
        int rc = 0;
        try {
            long begin = System.nanoTime();
            run.say("启动环境（7 个部件依次启动）");
            try {
                stack.startAll(new Listener(run));
            } catch (PreflightException e) {
                run.say("无法启动：" + String.join("；", e.problems()));
                return 1;
            } catch (StartupException e) {
                run.say("启动失败：" + e.part().displayName() + " " + e.reason() + "，日志 " + e.logFile());
                e.logTail().forEach(line -> out.println("  | " + line));
                return 1;
            }
            run.runInfo(Duration.ofNanos(System.nanoTime() - begin));
            run.phase("kafka", BenchRun.P_KAFKA, run::rawKafka);
            if (Stream.of("throughput", "alert", "history", "monthend").anyMatch(opt::runs)) {
                run.phase(opt.phases().iterator().next(), "准备 setup（时钟、负载计划）", run::setup);
            }
            // report → alert first: "idle" must not mean "behind the throughput runs' backlog"
            run.phase("alert", BenchRun.P_ALERT, run::reportToAlert);
            run.phase("throughput", BenchRun.P_THROUGHPUT, run::throughput);
            run.phase("dashboard", BenchRun.P_DASHBOARD, run::dashboard);
            run.phase("history", BenchRun.P_HISTORY, run::history);
            run.phase(opt.runs("history") ? "history" : opt.phases().iterator().next(), BenchRun.P_STORE,
                    run::storeRow);
            run.phase("monthend", BenchRun.P_MONTH, run::monthEnd);
        } catch (IllegalStateException e) {
            rc = 130; // interrupted
        } finally {
            if (finished.compareAndSet(false, true)) {
                run.say("停止环境");
                stack.stopAll(new Listener(run));
                cleanUp(config, opt, out);
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException e) {
                    // shutting down already
                }
                report(run, opt, stamp, out, false);
                run.close();
            }
        }
        return rc;
    }

    /** The signing secret of the bench's stack, a new one each run, which the bench also signs with. */
    static final String SECRET_VARIABLE = "KEYWORK_AUTH_SECRET";

    /**
     * Free ports, the bench home, the gateway's rate limit off, a signing secret of its own; the service jars of
     * another checkout if asked.
     */
    static StackConfig stackConfig(BenchOptions opt, Path repoRoot) {
        byte[] secret = new byte[48];
        new java.security.SecureRandom().nextBytes(secret);
        StackConfig config = StackConfig.onFreePorts(repoRoot, opt.home())
                .withPartEnvironment(Map.of("KEYWORK_RATE_LIMIT_ENABLED", "false", SECRET_VARIABLE,
                        java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(secret)));
        if (opt.jars() != null) {
            for (Part part : Part.ALL) {
                if (part.isService()) {
                    config = config.withJar(part, opt.jars().resolve(part.module()).resolve("target")
                            .resolve(part.module() + "-" + StackConfig.SERVICE_VERSION + ".jar"));
                }
            }
        }
        return config;
    }

    /** Stops what an earlier bench run left running in this home, then empties it (only a bench home). */
    static void prepareHome(StackConfig config, PrintStream out) throws IOException {
        Path home = config.home();
        if (Files.isDirectory(home)) {
            boolean ours = Files.exists(home.resolve(HOME_MARKER));
            boolean empty;
            try (Stream<Path> s = Files.list(home)) {
                empty = s.findAny().isEmpty();
            }
            if (!ours && !empty) {
                throw new IllegalStateException("目录不是基准测试的数据目录（没有 " + HOME_MARKER + "），不会清空它");
            }
            List<StackControl.Stopped> stopped = new StackControl(config).down(ProgressListener.SILENT);
            if (!stopped.isEmpty()) {
                out.println("已停止上次基准测试遗留的 " + stopped.size() + " 个部件。");
            }
            deleteTree(home);
        }
        Files.createDirectories(home);
        Files.writeString(home.resolve(HOME_MARKER), "keywork bench data; wiped by the next ./keywork bench\n");
    }

    /** Keeps the logs; the Kafka and MongoDB data go unless {@code --keep-data}. */
    static void cleanUp(StackConfig config, BenchOptions opt, PrintStream out) {
        if (opt.keepData()) {
            return;
        }
        for (Path dir : List.of(config.kafkaDir(), config.mongoDir())) {
            try {
                deleteTree(dir);
            } catch (IOException e) {
                out.println("无法删除 " + dir + "：" + e.getMessage());
            }
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(root)) {
            paths = new ArrayList<>(walk.sorted(Comparator.reverseOrder()).toList());
        }
        for (Path p : paths) {
            Files.deleteIfExists(p);
        }
    }

    /** Prints the table and writes .md, .json and .png under the output directory. */
    static void report(BenchRun run, BenchOptions opt, String stamp, PrintStream out, boolean partial) {
        List<Row> rows = run.rows();
        String title = "Keywork 基准测试 benchmark " + stamp.replace('-', ' ') + (opt.quick() ? "（--quick）" : "")
                + (partial ? "（中断，部分结果 partial）" : "");
        List<String> preface = preface(opt, run.serviceJvmFlags());
        out.println();
        out.print(ResultTable.text(title, rows));
        preface.forEach(out::println);
        try {
            Files.createDirectories(opt.out());
            Path md = opt.out().resolve("bench-" + stamp + ".md");
            Path json = opt.out().resolve("bench-" + stamp + ".json");
            Path png = opt.out().resolve("bench-" + stamp + ".png");
            List<String> mdPreface = new ArrayList<>(preface);
            mdPreface.add("");
            mdPreface.add("![chart](" + png.getFileName() + ")");
            mdPreface.add("");
            mdPreface.add("运行记录 log:");
            mdPreface.add("");
            run.log().forEach(l -> mdPreface.add("    " + l));
            Files.writeString(md, ResultTable.markdown(title, mdPreface, rows), StandardCharsets.UTF_8);
            Files.writeString(json, json(title, opt, rows, run.log()), StandardCharsets.UTF_8);
            Chart.write(png, title, String.join("  ", preface.subList(0, Math.min(2, preface.size()))), rows,
                    run.breakdowns());
            out.println("结果已写入：" + md);
            out.println("          " + json);
            out.println("          " + png);
        } catch (Exception e) {
            out.println("无法写入结果文件：" + e);
        }
    }

    static List<String> preface(BenchOptions opt, List<String> serviceJvmFlags) {
        Runtime rt = Runtime.getRuntime();
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "机器 machine：%d 核，Java %s，%s；负载来自同一台机器的同一个地址（网关限流关闭）",
                rt.availableProcessors(), System.getProperty("java.version"), System.getProperty("os.name")));
        lines.add(String.format(Locale.ROOT, "规模 sizes：每轮吞吐 %d s，准备阶段预热 %d s，并发 %s，探针 %d+%d，历史目标 %,d 份，月末计划 %,d 事项，负载计划 %,d 事项",
                opt.runDuration().toSeconds(), opt.warmup().toSeconds(), opt.clients(), opt.idleProbes(), opt.loadedProbes(),
                opt.historyReports(), opt.planItems(), opt.fillItems()));
        lines.add("服务 JVM 参数 service JVM flags：" + String.join(" ", serviceJvmFlags)
                + "（KEYWORK_JAVA_OPTS 可追加或覆盖）");
        lines.add("数字只打印、不断言；“未达标”是相对性能目标而言。Numbers are printed, never asserted.");
        return lines;
    }

    static String json(String title, BenchOptions opt, List<Row> rows, List<String> log) {
        ObjectNode root = Api.JSON.createObjectNode();
        root.put("title", title);
        root.put("quick", opt.quick());
        root.put("cores", Runtime.getRuntime().availableProcessors());
        root.put("java", System.getProperty("java.version"));
        ObjectNode sizes = root.putObject("sizes");
        sizes.put("runSeconds", opt.runDuration().toSeconds());
        sizes.put("clients", opt.clients().toString());
        sizes.put("historyReports", opt.historyReports());
        sizes.put("planItems", opt.planItems());
        sizes.put("fillItems", opt.fillItems());
        ArrayNode array = root.putArray("rows");
        for (Row r : rows) {
            ObjectNode n = array.addObject();
            n.put("phase", r.phase());
            n.put("metric", r.label());
            if (Double.isNaN(r.value()) || Double.isInfinite(r.value())) {
                n.putNull("value");
            } else {
                n.put("value", r.value());
            }
            n.put("unit", r.unit());
            n.put("shown", r.valueText());
            if (r.target() != null) {
                n.put("target", r.targetText());
                n.put("met", r.verdict() == Row.Verdict.PASS);
            }
            n.put("note", r.note());
        }
        ArrayNode logNode = root.putArray("log");
        log.forEach(logNode::add);
        return Api.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    }

    /** One line per part while starting and stopping. */
    private record Listener(BenchRun run) implements ProgressListener {

        @Override
        public void starting(Part part, int index, int total) {
        }

        @Override
        public void ready(Part part, long pid, Duration took) {
            run.say(String.format(Locale.ROOT, "  %-21s 就绪（%.1f s，pid %d）", part.id(), took.toMillis() / 1000.0,
                    pid));
        }

        @Override
        public void failed(Part part, Duration took, String reason) {
            run.say("  " + part.id() + " 失败：" + reason);
        }

        @Override
        public void stopping(Part part, long pid) {
        }

        @Override
        public void stopped(Part part, long pid, Duration took, boolean killed) {
            run.say(String.format(Locale.ROOT, "  %-21s %s（%.1f s）", part.id(), killed ? "已强制结束" : "已停止",
                    took.toMillis() / 1000.0));
        }
    }
}
