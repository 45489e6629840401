package org.keywork.stack;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./keywork up | up --detach | up --infra | down | status | reset | demo | help} ({@code bench} is run by the
 * root script from infra/bench).
 *
 * <p>The root script passes the repository root as {@code -Dkeywork.repo}; configuration comes from
 * {@code KEYWORK_*} environment variables (see {@link StackConfig#fromEnvironment}).
 */
public final class KeyworkCli {

    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE_ERROR = 2;
    /** {@code up} in the foreground: the JVM ends through Ctrl-C and the shutdown hook. */
    static final int KEEP_RUNNING = -1;

    private final PrintStream out;
    private final Map<String, String> env;
    private final Path repoRoot;

    KeyworkCli(PrintStream out, Map<String, String> env, Path repoRoot) {
        this.out = out;
        this.env = env;
        this.repoRoot = repoRoot;
    }

    public static void main(String[] args) throws InterruptedException {
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        Path repoRoot = Path.of(System.getProperty("keywork.repo", ".")).toAbsolutePath().normalize();
        int rc = new KeyworkCli(out, System.getenv(), repoRoot).run(args);
        if (rc == KEEP_RUNNING) {
            new CountDownLatch(1).await(); // until Ctrl-C; the shutdown hook stops the parts
        }
        out.flush();
        System.exit(rc);
    }

    int run(String[] args) {
        if (args.length == 0) {
            out.print(Texts.USAGE);
            return USAGE_ERROR;
        }
        String command = args[0];
        List<String> options = Arrays.asList(args).subList(1, args.length);
        StackConfig config;
        try {
            config = StackConfig.fromEnvironment(repoRoot, env);
        } catch (IllegalArgumentException e) {
            out.println(e.getMessage());
            return USAGE_ERROR;
        }
        return switch (command) {
            case "up" -> up(config, options);
            case "down" -> down(config);
            case "status" -> status(config);
            case "reset" -> reset(config);
            case "demo" -> new PlanYearDemo(out, "http://localhost:" + config.port(Part.GATEWAY),
                    Duration.ofSeconds(3)).run();
            case "bench" -> {
                // the benchmark is its own module (infra/bench, which depends on this one): the root script builds
                // it and runs org.keywork.bench.BenchMain; here only a hint for a direct call
                out.println("基准测试请用仓库根目录的 ./keywork bench 运行（它会构建 infra/bench 和各服务，再启动独立的一套环境）。");
                yield USAGE_ERROR;
            }
            case "help", "-h", "--help" -> {
                out.print(Texts.USAGE);
                yield OK;
            }
            default -> {
                out.println("未知命令：" + command);
                out.println();
                out.print(Texts.USAGE);
                yield USAGE_ERROR;
            }
        };
    }

    // ---------------------------------------------------------------- up

    private int up(StackConfig config, List<String> options) {
        boolean detach = false;
        boolean infraOnly = false;
        for (int i = 0; i < options.size(); i++) {
            String option = options.get(i);
            String scale = null;
            if (option.equals("--scale")) {
                if (i + 1 >= options.size()) {
                    out.println("--scale 后面需要写 服务名=实例数，例如 --scale progress-service=2");
                    return USAGE_ERROR;
                }
                scale = options.get(++i);
            } else if (option.startsWith("--scale=")) {
                scale = option.substring("--scale=".length());
            }
            if (scale != null) {
                try {
                    config = scaled(config, scale);
                } catch (IllegalArgumentException e) {
                    out.println(e.getMessage());
                    return USAGE_ERROR;
                }
                continue;
            }
            switch (option) {
                case "--detach", "-d" -> detach = true;
                case "--infra" -> infraOnly = true;
                default -> {
                    out.println("up 不认识的选项：" + option);
                    out.print(Texts.USAGE);
                    return USAGE_ERROR;
                }
            }
        }
        List<Part> parts = infraOnly ? Part.INFRASTRUCTURE : Part.ALL;
        StackConfig chosen = config;
        int processes = parts.stream().mapToInt(chosen::instanceCount).sum();
        out.println("启动 Keywork 本地环境：" + processes + " 个" + (processes > parts.size() ? "进程" : "部件")
                + "，依次启动，每个就绪后再启动下一个。");
        out.println("数据目录：" + config.home());
        LocalStack stack = new LocalStack(config);
        ConsoleProgress progress = new ConsoleProgress(out);
        Thread hook = new Thread(() -> {
            if (stack.running().stream().anyMatch(RunningPart::isAlive)) {
                out.println();
                out.println("正在停止 Keywork（按启动的相反顺序）…");
                stack.stopAll(progress);
                out.println("已全部停止。");
            } else {
                stack.stopAll();
            }
            out.flush();
        }, "keywork-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        int rc = startAndReport(config, parts, detach, stack, progress);
        if (rc != KEEP_RUNNING) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook); // detached, or nothing left running
            } catch (IllegalStateException e) {
                // already shutting down: the hook runs anyway
            }
        }
        return rc;
    }

    /** {@code NAME=N}: N instances of the service NAME (its id, e.g. progress-service, or progress for short). */
    static StackConfig scaled(StackConfig config, String spec) {
        int eq = spec.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException("--scale 的写法是 服务名=实例数，例如 --scale progress-service=2（收到“" + spec
                    + "”）");
        }
        String name = spec.substring(0, eq).trim();
        Part part = Part.byId(name).or(() -> Part.byId(name + "-service")).orElseThrow(() ->
                new IllegalArgumentException("--scale：没有名为“" + name + "”的服务。可以扩展的是 goal-service、"
                        + "project-service、progress-service、notification-service。"));
        int count;
        try {
            count = Integer.parseInt(spec.substring(eq + 1).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--scale " + spec + "：实例数应为 1 到 " + Instance.MAX + " 的整数。");
        }
        return config.withInstances(part, count);
    }

    private int startAndReport(StackConfig config, List<Part> parts, boolean detach, LocalStack stack,
            ConsoleProgress progress) {
        long begin = System.nanoTime();
        try {
            stack.start(parts, progress);
        } catch (PreflightException e) {
            out.println("无法启动：");
            e.problems().forEach(p -> out.println("  - " + p));
            return FAILED;
        } catch (StartupException e) {
            out.println();
            out.println("启动失败：" + e.part().displayName() + " " + e.reason() + "。");
            out.println("已停止此前启动的部件。请查看日志：" + e.logFile());
            if (!e.firstError().isEmpty()) {
                out.println("日志中的第一个错误：");
                e.firstError().forEach(line -> out.println("  | " + line));
            }
            if (!e.logTail().isEmpty()) {
                out.println("日志最后 " + e.logTail().size() + " 行：");
                e.logTail().forEach(line -> out.println("  | " + line));
            }
            return FAILED;
        } catch (StartupAbortedException e) {
            return KEEP_RUNNING; // Ctrl-C during start-up: the shutdown hook is stopping what started
        }
        Duration total = Duration.ofNanos(System.nanoTime() - begin);
        out.println();
        out.println("Keywork 已全部就绪，总用时 " + Texts.seconds(total) + "。");
        out.println();
        printUrls(config, parts);
        out.println();
        if (detach) {
            out.println("各部件在后台运行。查看状态：./keywork status    停止：./keywork down");
            return OK;
        }
        out.println("前台运行中，按 Ctrl-C 停止全部部件。（后台运行请用 ./keywork up --detach）");
        for (RunningPart rp : stack.running()) {
            rp.process().onExit().thenRun(() -> {
                if (!rp.stopRequested()) {
                    out.println();
                    out.println("注意：" + rp.instance().id() + " 意外退出（退出码 "
                            + rp.exitCode().orElse(-1) + "）。请查看日志：" + rp.logFile());
                }
            });
        }
        return KEEP_RUNNING;
    }

    private void printUrls(StackConfig config, List<Part> parts) {
        int w = 26;
        for (Part part : parts) {
            switch (part) {
                case KAFKA -> out.println("  " + Texts.pad("Kafka bootstrap", w) + config.kafkaBootstrap());
                case MONGO -> out.println("  " + Texts.pad("MongoDB URI", w) + config.mongoUri());
                default -> {
                    for (Instance instance : config.instancesOf(part)) {
                        String label = part == Part.GATEWAY ? "gateway（入口）" : instance.id();
                        out.println("  " + Texts.pad(label, w) + Texts.pad(config.publicUrl(instance), 24)
                                + "健康检查 " + config.publicUrl(instance) + "/actuator/health");
                    }
                }
            }
        }
        if (parts.contains(Part.GATEWAY)) {
            String gateway = config.publicUrl(Part.GATEWAY);
            out.println("  " + Texts.pad("工作台（浏览器打开）", w) + gateway + "/   登录：admin / admin-2021 等，见 gateway/README.md");
            out.println("  " + Texts.pad("接口文档", w) + gateway + "/api-docs");
        }
        out.println("  " + Texts.pad("数据目录", w) + config.home());
        out.println("  " + Texts.pad("日志目录", w) + config.logsDir());
        if (!parts.contains(Part.GATEWAY)) {
            out.println();
            out.println("在 IDE 中运行服务时设置：KAFKA_BROKERS=" + config.kafkaBootstrap()
                    + "  MONGODB_URI=" + config.mongoUri() + "/keywork-<服务>");
        }
    }

    // ---------------------------------------------------------------- down

    private int down(StackConfig config) {
        StackControl control = new StackControl(config);
        List<StackControl.Stopped> stopped = control.down(new ConsoleProgress(out));
        if (stopped.isEmpty()) {
            out.println("没有正在运行的 Keywork 部件（" + config.home() + "）。");
        } else {
            out.println("已停止 " + stopped.size() + " 个部件。");
        }
        if (control.anyRunning()) {
            out.println("仍有 Keywork 进程没有结束，请用 ./keywork status 查看。");
            return FAILED;
        }
        return OK;
    }

    // ---------------------------------------------------------------- status

    private int status(StackConfig config) {
        List<StackControl.PartStatus> statuses = new StackControl(config).status();
        String header = "  " + Texts.pad("部件", 22) + Texts.pad("状态", 9) + Texts.pad("PID", 9)
                + Texts.pad("健康", 13) + Texts.pad("运行时长", 16) + "内存 (RSS)";
        out.println(header);
        long totalRss = 0;
        int running = 0;
        boolean allUp = true;
        Instant now = Instant.now();
        for (StackControl.PartStatus s : statuses) {
            OptionalLong rss = s.rssBytes();
            if (s.running()) {
                running++;
                totalRss += rss.orElse(0);
            }
            allUp &= s.running() && s.health() == Health.UP;
            String health = switch (s.health()) {
                case UP -> "UP";
                case DOWN -> "DOWN";
                case UNREACHABLE -> "unreachable";
            };
            out.println("  " + Texts.pad(s.instance().id(), 22)
                    + Texts.pad(s.running() ? "运行中" : "未运行", 9)
                    + Texts.pad(s.running() ? Long.toString(s.pid().getAsLong()) : "-", 9)
                    + Texts.pad(s.running() ? health : "-", 13)
                    + Texts.pad(s.started().map(t -> Texts.uptime(Duration.between(t, now))).orElse("-"), 16)
                    + (rss.isPresent() ? Texts.megabytes(rss.getAsLong()) : "-"));
        }
        out.println();
        out.println("合计内存 (RSS)：" + Texts.megabytes(totalRss) + "（" + running + "/" + statuses.size()
                + " 个部件运行中）");
        out.println("数据目录：" + config.home());
        if (!allUp) {
            out.println(running == 0 ? "Keywork 未运行。启动：./keywork up" : "并非所有部件都正常运行。日志：" + config.logsDir());
        }
        return allUp ? OK : FAILED;
    }

    // ---------------------------------------------------------------- reset

    private int reset(StackConfig config) {
        List<Path> deleted;
        try {
            deleted = new StackControl(config).reset();
        } catch (IllegalStateException e) {
            out.println(e.getMessage());
            return FAILED;
        }
        if (deleted.isEmpty()) {
            out.println("没有需要删除的数据（" + config.home() + " 下没有 Keywork 数据）。");
            return OK;
        }
        out.println("已删除：");
        for (Path p : deleted) {
            out.println("  " + Texts.pad(p.toString(), 40) + describe(config, p));
        }
        return OK;
    }

    private static String describe(StackConfig config, Path p) {
        if (p.equals(config.kafkaDir())) {
            return "Kafka 数据";
        } else if (p.equals(config.mongoDir())) {
            return "MongoDB 数据";
        } else if (p.equals(config.logsDir())) {
            return "日志";
        } else {
            return "pid 文件";
        }
    }

    /** Prints one line per part while starting and stopping. */
    static final class ConsoleProgress implements ProgressListener {
        private final PrintStream out;

        ConsoleProgress(PrintStream out) {
            this.out = out;
        }

        @Override
        public synchronized void starting(Part part, int index, int total) {
            out.print("[" + index + "/" + total + "] " + Texts.pad(part.id(), 21) + "… ");
            out.flush();
        }

        @Override
        public synchronized void ready(Part part, long pid, Duration took) {
            out.println("就绪 (" + Texts.seconds(took) + ", pid " + pid + ")");
        }

        @Override
        public synchronized void failed(Part part, Duration took, String reason) {
            out.println("失败 (" + Texts.seconds(took) + ")");
        }

        @Override
        public synchronized void stopping(Part part, long pid) {
            out.print("  停止 " + Texts.pad(part.id() + " (pid " + pid + ")", 32) + "… ");
            out.flush();
        }

        @Override
        public synchronized void stopped(Part part, long pid, Duration took, boolean killed) {
            out.println((killed ? "未在时限内退出，已强制结束" : "已停止") + " (" + Texts.seconds(took) + ")");
        }

        @Override
        public synchronized void starting(Instance instance, int index, int total) {
            out.print("[" + index + "/" + total + "] " + Texts.pad(instance.id(), 21) + "… ");
            out.flush();
        }

        @Override
        public synchronized void stopping(Instance instance, long pid) {
            out.print("  停止 " + Texts.pad(instance.id() + " (pid " + pid + ")", 32) + "… ");
            out.flush();
        }
    }
}
