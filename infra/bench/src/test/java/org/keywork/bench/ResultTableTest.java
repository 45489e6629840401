package org.keywork.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ResultTableTest {

    private final List<Row> rows = List.of(
            Row.info("Kafka 原始吞吐 raw Kafka", "Kafka 生产者吞吐 producer records/s", 43000, "records/s", "512 B"),
            Row.judged("报告吞吐 report throughput", "网关 32 并发 吞吐 reports/s", 180, "reports/s",
                    Target.atLeast(1500), "3,600 份"),
            Row.judged("报告吞吐 report throughput", "errors | pipes", 12, "", Target.atMost(0), "HTTP 503 ×12"));

    @Test
    void textAlignsColumnsByDisplayWidthAndGroupsByPhase() {
        String text = ResultTable.text("标题", rows);
        List<String> lines = text.lines().toList();
        assertThat(lines.get(0)).isEqualTo("标题");
        assertThat(text).contains("【Kafka 原始吞吐 raw Kafka】", "【报告吞吐 report throughput】", "未达标 FAIL",
                "≥ 1,500 reports/s", "43,000 records/s");
        // the value column starts at the same terminal column on every row, CJK counted double
        List<String> dataLines = lines.stream().filter(l -> l.contains("records/s") || l.contains("reports/s")
                || l.startsWith("errors")).toList();
        assertThat(dataLines).hasSize(3);
        List<Integer> valueColumns = dataLines.stream().map(l -> {
            String label = l.startsWith("errors") ? "errors | pipes"
                    : l.startsWith("Kafka") ? "Kafka 生产者吞吐 producer records/s" : "网关 32 并发 吞吐 reports/s";
            String rest = l.substring(label.length());
            int spaces = rest.length() - rest.stripLeading().length();
            return ResultTable.displayWidth(label) + spaces;
        }).toList();
        assertThat(valueColumns).containsOnly(valueColumns.get(0));
    }

    @Test
    void markdownHasATablePerPhaseAndEscapesPipes() {
        String md = ResultTable.markdown("标题", List.of("机器 2 核"), rows);
        assertThat(md).startsWith("# 标题\n");
        assertThat(md).contains("机器 2 核", "## Kafka 原始吞吐 raw Kafka", "## 报告吞吐 report throughput",
                "| 指标 metric | 数值 value | 目标 target | 结论 verdict | 说明 note |", "errors \\| pipes");
        assertThat(md.lines().filter(l -> l.startsWith("|---")).count()).isEqualTo(2);
    }

    @Test
    void displayWidthCountsCjkAsTwo() {
        assertThat(ResultTable.displayWidth("abc")).isEqualTo(3);
        assertThat(ResultTable.displayWidth("网关")).isEqualTo(4);
        assertThat(ResultTable.displayWidth("【a】")).isEqualTo(5);
        assertThat(ResultTable.pad("网关", 6)).isEqualTo("网关  ");
    }
}
