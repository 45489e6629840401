package org.keywork.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SmallPartsTest {

    @TempDir
    Path dir;

    @Test
    void prometheusSumsTheMatchingSamples() {
        String text = """
                # HELP keywork_alerts_total
                # TYPE keywork_alerts_total counter
                keywork_alerts_total{application="notification-service",outcome="raised"} 12.0
                keywork_alerts_total{application="notification-service",outcome="escalated"} 30.0
                keywork_alerts_total_other{outcome="raised"} 99.0
                keywork_goal_reports_applied_total{changed="true"} 3.0
                keywork_goal_reports_applied_total{changed="false"} 4.0
                plain_metric 5
                """;
        assertThat(PrometheusText.sum(text, "keywork_alerts_total", Map.of("outcome", "raised"))).isEqualTo(12.0);
        assertThat(PrometheusText.sum(text, "keywork_goal_reports_applied_total", Map.of())).isEqualTo(7.0);
        assertThat(PrometheusText.sum(text, "plain_metric", Map.of())).isEqualTo(5.0);
        assertThat(PrometheusText.sum(text, "keywork_alerts_total", Map.of("outcome", "acked"))).isNaN();
        assertThat(PrometheusText.sum(text, "missing_total", Map.of())).isNaN();
    }

    @Test
    void procStatTicksAreUserPlusSystemEvenWithSpacesInTheCommand() {
        String stat = "4242 (java (x) y) S 1 4242 4242 0 -1 4194560 5000 0 0 0 1234 567 0 0 20 0 40 0 100 1 1";
        assertThat(CpuSampler.parseStatTicks(stat)).isEqualTo(1234 + 567);
        assertThat(CpuSampler.ownTicks(ProcessHandle.current().pid())).isGreaterThanOrEqualTo(0);
        assertThat(CpuSampler.ticks(Long.MAX_VALUE)).isEqualTo(-1);
    }

    @Test
    void cpuPerReportIsEachPartsTicksOverTheReportsAndTheRowNamesTheBiggestFirst() {
        Map<String, Long> before = new java.util.LinkedHashMap<>();
        before.put("gateway", 1_000L);
        before.put("progress-service", 2_000L);
        before.put("gone", 10L);
        Map<String, Long> after = Map.of("gateway", 1_200L, "progress-service", 2_600L, "gone", -1L);

        Map<String, Double> perReport = CpuSampler.millisPer(before, after, 1_000);
        // 200 ticks = 2 s over 1,000 reports = 2 ms each; 600 ticks = 6 ms; an unreadable process is left out
        assertThat(perReport).containsExactly(Map.entry("gateway", 2.0), Map.entry("progress-service", 6.0));
        assertThat(CpuSampler.millisPer(before, after, 0)).isEmpty();

        LoadResult run = new LoadResult(1_000, Map.of(), new Latencies(), java.time.Duration.ofSeconds(10), "time");
        Row row = BenchRun.cpuRow("网关 32 并发 每份报告 CPU",
                new Chart.Breakdown("网关 32 并发", BenchRun.sortedByValue(perReport), 1.33), run, 150);
        assertThat(row.value()).isEqualTo(8.0);
        assertThat(row.unit()).isEqualTo("ms/report");
        // 8 ms x 1,000 reports in 10 s = 0.8 cores busy, as a share of this machine's cores
        int cores = Runtime.getRuntime().availableProcessors();
        assertThat(row.note()).startsWith("progress-service 6.00，gateway 2.00；")
                .contains(String.format(java.util.Locale.ROOT, "整机 %d 核的 %.0f %%", cores, 80.0 / cores))
                .endsWith("压测客户端另用 1.50 ms/份");
    }

    @Test
    void optionsQuickFlagsAndEnvironment() {
        Path repo = Path.of("/repo");
        BenchOptions full = BenchOptions.parse(List.of(), Map.of(), repo);
        assertThat(full.quick()).isFalse();
        assertThat(full.clients()).containsExactly(32, 128);
        assertThat(full.historyReports()).isEqualTo(100_000);
        assertThat(full.planItems()).isEqualTo(5_000);
        assertThat(full.home()).isEqualTo(Path.of("/repo/target/bench-home"));
        assertThat(full.out()).isEqualTo(Path.of("/repo/target/bench"));
        assertThat(full.phases()).containsExactlyElementsOf(BenchOptions.ALL_PHASES);

        BenchOptions quick = BenchOptions.parse(List.of("--quick", "--history-reports", "777", "--phases=kafka,alert"),
                Map.of("KEYWORK_BENCH_HISTORY_REPORTS", "999", "KEYWORK_BENCH_PLAN_ITEMS", "321"), repo);
        assertThat(quick.quick()).isTrue();
        assertThat(quick.historyReports()).as("a flag wins over the environment").isEqualTo(777);
        assertThat(quick.planItems()).isEqualTo(321);
        assertThat(quick.runDuration()).isLessThan(full.runDuration());
        assertThat(full.warmup()).as("long enough for the services' JIT").isEqualTo(Duration.ofSeconds(60));
        assertThat(quick.warmup()).isEqualTo(Duration.ofSeconds(30));
        assertThat(BenchOptions.parse(List.of("--warmup-seconds", "0"), Map.of(), repo).warmup()).isZero();
        assertThatThrownBy(() -> BenchOptions.parse(List.of("--warmup-seconds", "-1"), Map.of(), repo))
                .hasMessageContaining("warmup-seconds");
        assertThat(quick.runs("kafka")).isTrue();
        assertThat(quick.runs("monthend")).isFalse();

        assertThatThrownBy(() -> BenchOptions.parse(List.of("--plan-items", "-5"), Map.of(), repo))
                .hasMessageContaining("plan-items");
        assertThatThrownBy(() -> BenchOptions.parse(List.of("--phases", "nope"), Map.of(), repo))
                .hasMessageContaining("nope");
        assertThatThrownBy(() -> BenchOptions.parse(List.of("--bogus"), Map.of(), repo))
                .hasMessageContaining("--bogus");
    }

    @Test
    void chartIsAPngWithABarPerJudgedRow() throws Exception {
        List<Row> rows = List.of(
                Row.judged("p", "网关 32 并发 吞吐 reports/s (gateway)", 180, "reports/s", Target.atLeast(1500), ""),
                Row.judged("p", "总览 p95 summary", 20, "ms", Target.below(50), ""),
                Row.unfinished("p", "月末 all alerts", "s", Target.below(60), "> 120 s", ""),
                Row.info("p", "Kafka records/s", 40000, "records/s", ""));
        Path png = dir.resolve("chart.png");
        Chart.write(png, "Keywork 基准测试", "2 核", rows);
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(1500);
        assertThat(image.getHeight()).isGreaterThan(110 + 3 * 46);
        assertThat(Files.size(png)).isGreaterThan(1000);
    }

    @Test
    void chartAddsAStackedBarPerCpuBreakdownBelowTheJudgedRows() throws Exception {
        List<Row> rows = List.of(
                Row.judged("p", "网关 32 并发 吞吐 reports/s (gateway)", 120, "reports/s", Target.atLeast(1500), ""));
        Map<String, Double> parts = new java.util.LinkedHashMap<>();
        parts.put("progress-service", 4.0);
        parts.put("gateway", 2.5);
        Path plain = dir.resolve("plain.png");
        Path withCpu = dir.resolve("cpu.png");
        Chart.write(plain, "Keywork 基准测试", "2 核", rows);
        Chart.write(withCpu, "Keywork 基准测试", "2 核", rows,
                List.of(new Chart.Breakdown("网关 32 并发", parts, 1.33), new Chart.Breakdown("直连 32 并发", parts, 1.33)));
        BufferedImage image = ImageIO.read(withCpu.toFile());
        assertThat(image.getHeight()).isEqualTo(ImageIO.read(plain.toFile()).getHeight() + 90 + 2 * 46 + 40);
        // the first part's segment starts where the bars start (x = 500), in its colour, on the first breakdown's row
        // (the panel's heading 90 px below the one judged row, which starts at 110 and is 46 high)
        int y = 110 + 46 + 90 + 16 + 23;
        assertThat(image.getRGB(505, y) & 0xFFFFFF).isEqualTo(0x1565C0);
        // 4 of 6.5 ms: the second part's colour takes over after 4/6.5 of 560 px
        assertThat(image.getRGB(500 + (int) (560 * 4.0 / 6.5) + 5, y) & 0xFFFFFF).isEqualTo(0xEF6C00);
        assertThat(new Chart.Breakdown("x", parts, 1.33).total()).isEqualTo(6.5);
    }

    @Test
    void latinFallbackKeepsTheEnglishPartOfALabel() {
        assertThat(Chart.latin("网关 32 并发 吞吐 reports/s (gateway, 32 clients)"))
                .isEqualTo("reports/s (gateway, 32 clients)");
        assertThat(Chart.latin("全部月末提醒生成 all month-end alerts exist（5,000 事项）"))
                .isEqualTo("all month-end alerts exist");
        assertThat(Chart.latin("提醒延迟 p99 report→alert（200/s 其他流量下 at 200 reports/s）"))
                .isEqualTo("p99 report→alert (at 200 reports/s)");
        assertThat(Chart.latin("提醒延迟 p99 report→alert（空闲 idle）")).isEqualTo("p99 report→alert (idle)");
        assertThat(Chart.latin("升级稳定 escalation settled（时钟前进 10 天）")).isEqualTo("escalation settled");
        assertThat(Chart.latin("总览汇总 50 并发 p95 summary")).isEqualTo("p95 summary");
        assertThat(Chart.latin("只有中文")).isEmpty();
    }
}
