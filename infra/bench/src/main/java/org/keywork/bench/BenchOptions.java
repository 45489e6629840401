package org.keywork.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Sizes and time budgets of a run. Every phase is bounded in requests and in time; {@code --quick} shrinks all of
 * them to a smoke run of about three minutes. Each option can also be given as an environment variable
 * ({@code KEYWORK_BENCH_<NAME>}, e.g. {@code KEYWORK_BENCH_HISTORY_REPORTS=20000}); a flag wins.
 */
record BenchOptions(
        boolean quick,
        Path home,
        Path out,
        Path jars,
        boolean keepData,
        Set<String> phases,
        List<Integer> clients,
        Duration runDuration,
        Duration warmup,
        long maxRequestsPerRun,
        Duration kafkaDuration,
        long kafkaRecords,
        int idleProbes,
        int loadedProbes,
        int otherTrafficPerSecond,
        Duration idleBudget,
        Duration loadedBudget,
        Duration probeTimeout,
        Duration drainBudget,
        int dashboardClients,
        Duration dashboardDuration,
        long historyReports,
        Duration historyBudget,
        int historyGets,
        int fillItems,
        int planItems,
        Duration importBudget,
        Duration alertsBudget,
        Duration escalationBudget,
        Duration cpuWindow,
        Duration requestTimeout) {

    static final List<String> ALL_PHASES = List.of("kafka", "throughput", "alert", "dashboard", "history",
            "monthend");

    static final String USAGE = """
            用法：./keywork bench [选项]

            在自己的空闲端口和数据目录（默认 target/bench-home）上启动一套新的 Keywork（网关限流关闭），依次测量，
            打印一张表，并把表格（.md、.json）和图表（.png）写入 target/bench/；结束（包括失败和 Ctrl-C）时停止
            它启动的一切。不碰 .keywork/，也不碰默认端口上正在运行的环境。每个阶段都有请求数和时间上限。

            选项（括号内为完整运行 / --quick 的默认值；也可用环境变量 KEYWORK_BENCH_<名称>，如 KEYWORK_BENCH_HISTORY_REPORTS）：
              --quick                    冒烟运行，约 3 分钟
              --phases LIST              只运行这些阶段，逗号分隔：kafka,throughput,alert,dashboard,history,monthend（全部）
              --clients LIST             吞吐阶段的并发数（32,128）
              --run-seconds N            吞吐阶段每一轮的时长（20 / 8）
              --warmup-seconds N         准备阶段末尾经网关发送报告的预热时长，不计入结果（60 / 30）：各服务的 JIT 编译
                                         在此完成，之后各阶段测量的是已预热的环境；0 表示不预热
              --history-reports N        历史查询阶段要达到的库内报告总数（100000 / 5000）
              --history-seconds N        批量写入报告的时间上限（480 / 30）
              --plan-items N             月末阶段生成计划的事项数（5000 / 500）
              --fill-items N             负载用计划（2030 年）的事项数（2000 / 300）
              --monthend-seconds N       月末阶段等待全部提醒、等待升级完成各自的时间上限（180 / 45；比目标宽，超过目标的结果也能量出）
              --home DIR                 数据目录（target/bench-home，每次运行前清空）
              --out DIR                  结果目录（target/bench）
              --jars DIR                 用另一个检出目录里构建好的服务 jar（DIR/<模块>/target/*.jar），例如对比两个版本
              --keep-data                结束后保留 Kafka 和 MongoDB 数据（默认只保留日志）
              --help                     显示本帮助
            """;

    static BenchOptions parse(List<String> args, Map<String, String> env, Path repoRoot) {
        boolean quick = args.contains("--quick") || truthy(env.get("KEYWORK_BENCH_QUICK"));
        Map<String, String> flags = new java.util.HashMap<>();
        boolean keepData = truthy(env.get("KEYWORK_BENCH_KEEP_DATA"));
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--quick" -> {
                }
                case "--keep-data" -> keepData = true;
                case "--phases", "--clients", "--run-seconds", "--warmup-seconds", "--history-reports", "--history-seconds",
                        "--plan-items", "--fill-items", "--monthend-seconds", "--home", "--out", "--jars" -> {
                    if (i + 1 >= args.size()) {
                        throw new IllegalArgumentException("选项 " + arg + " 需要一个值。");
                    }
                    flags.put(arg.substring(2), args.get(++i));
                }
                default -> {
                    if (arg.startsWith("--") && arg.contains("=")) {
                        String name = arg.substring(2, arg.indexOf('='));
                        flags.put(name, arg.substring(arg.indexOf('=') + 1));
                    } else {
                        throw new IllegalArgumentException("不认识的选项：" + arg);
                    }
                }
            }
        }
        Lookup in = new Lookup(flags, env);
        Set<String> phases = new LinkedHashSet<>();
        for (String p : in.text("phases", String.join(",", ALL_PHASES)).split(",")) {
            String name = p.trim().toLowerCase(Locale.ROOT);
            if (name.isEmpty()) {
                continue;
            }
            if (!ALL_PHASES.contains(name)) {
                throw new IllegalArgumentException("没有阶段 " + name + "，可选：" + String.join(",", ALL_PHASES));
            }
            phases.add(name);
        }
        List<Integer> clients = new ArrayList<>();
        for (String c : in.text("clients", "32,128").split(",")) {
            clients.add(positive("clients", c.trim()));
        }
        int monthEnd = in.integer("monthend-seconds", quick ? 45 : 180);
        return new BenchOptions(quick,
                Path.of(in.text("home", repoRoot.resolve("target").resolve("bench-home").toString()))
                        .toAbsolutePath().normalize(),
                Path.of(in.text("out", repoRoot.resolve("target").resolve("bench").toString()))
                        .toAbsolutePath().normalize(),
                in.text("jars", "").isEmpty() ? null : Path.of(in.text("jars", "")).toAbsolutePath().normalize(),
                keepData, phases, List.copyOf(clients),
                Duration.ofSeconds(in.integer("run-seconds", quick ? 8 : 20)),
                Duration.ofSeconds(in.seconds("warmup-seconds", quick ? 30 : 60)),
                quick ? 50_000 : 200_000,
                Duration.ofSeconds(quick ? 5 : 10), quick ? 200_000 : 1_000_000,
                quick ? 5 : 20, quick ? 10 : 40, 200,
                Duration.ofSeconds(quick ? 20 : 40), Duration.ofSeconds(quick ? 25 : 60), Duration.ofSeconds(quick ? 8 : 10),
                Duration.ofSeconds(quick ? 15 : 30),
                50, Duration.ofSeconds(quick ? 8 : 20),
                in.integer("history-reports", quick ? 5_000 : 100_000),
                Duration.ofSeconds(in.integer("history-seconds", quick ? 30 : 480)),
                quick ? 50 : 200,
                in.integer("fill-items", quick ? 300 : 2_000),
                in.integer("plan-items", quick ? 500 : 5_000),
                Duration.ofSeconds(quick ? 60 : 180),
                Duration.ofSeconds(monthEnd), Duration.ofSeconds(monthEnd),
                Duration.ofSeconds(quick ? 10 : 20),
                Duration.ofSeconds(10));
    }

    boolean runs(String phase) {
        return phases.contains(phase);
    }

    private static boolean truthy(String value) {
        return value != null && (value.equalsIgnoreCase("true") || value.equals("1") || value.equalsIgnoreCase("yes"));
    }

    private static int positive(String name, String value) {
        try {
            int n = Integer.parseInt(value);
            if (n < 1) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " 的值“" + value + "”不是正整数。");
        }
    }

    /** A flag, else {@code KEYWORK_BENCH_<NAME>}, else the default. */
    private record Lookup(Map<String, String> flags, Map<String, String> env) {

        String text(String name, String fallback) {
            String flag = flags.get(name);
            if (flag != null) {
                return flag;
            }
            String fromEnv = env.get("KEYWORK_BENCH_" + name.toUpperCase(Locale.ROOT).replace('-', '_'));
            return fromEnv == null || fromEnv.isBlank() ? fallback : fromEnv.trim();
        }

        int integer(String name, int fallback) {
            return positive(name, text(name, Integer.toString(fallback)));
        }

        /** A number of seconds, 0 allowed. */
        int seconds(String name, int fallback) {
            String value = text(name, Integer.toString(fallback));
            return value.equals("0") ? 0 : positive(name, value);
        }
    }
}
