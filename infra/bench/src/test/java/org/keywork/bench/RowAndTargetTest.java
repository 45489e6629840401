package org.keywork.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RowAndTargetTest {

    @Test
    void lowerBoundsUpperBoundsAndTheirScores() {
        assertThat(Target.atLeast(1500).met(1500)).isTrue();
        assertThat(Target.atLeast(1500).met(180)).isFalse();
        assertThat(Target.atLeast(1500).score(750)).isEqualTo(0.5);
        assertThat(Target.below(1000).met(999.9)).isTrue();
        assertThat(Target.below(1000).met(1000)).isFalse();
        assertThat(Target.atMost(5).met(5)).isTrue();
        assertThat(Target.below(50).score(100)).isEqualTo(0.5);
        assertThat(Target.below(50).score(25)).isEqualTo(2.0);
        assertThat(Target.atMost(0).met(0)).isTrue();
        assertThat(Target.atMost(0).met(3)).isFalse();
        assertThat(Target.atMost(0).score(0)).isEqualTo(1.0);
        assertThat(Target.atLeast(4).met(Double.NaN)).isFalse();
        assertThat(Target.atLeast(4).score(Double.NaN)).isNaN();
    }

    @Test
    void verdictsAndText() {
        Row pass = Row.judged("p", "网关 32 并发 吞吐 reports/s", 1600, "reports/s", Target.atLeast(1500), "");
        Row fail = Row.judged("p", "x", 181.4, "reports/s", Target.atLeast(1500), "");
        Row info = Row.info("p", "x", 43210.7, "records/s", null);
        Row unfinished = Row.unfinished("p", "x", "s", Target.below(60), "> 120.0 s", "");
        assertThat(pass.verdict()).isEqualTo(Row.Verdict.PASS);
        assertThat(fail.verdict()).isEqualTo(Row.Verdict.FAIL);
        assertThat(info.verdict()).isEqualTo(Row.Verdict.NONE);
        assertThat(unfinished.verdict()).isEqualTo(Row.Verdict.FAIL);
        assertThat(unfinished.valueText()).isEqualTo("> 120.0 s");
        assertThat(pass.valueText()).isEqualTo("1,600 reports/s");
        assertThat(fail.valueText()).isEqualTo("181 reports/s");
        assertThat(info.valueText()).isEqualTo("43,211 records/s");
        assertThat(info.note()).isEmpty();
        assertThat(pass.targetText()).isEqualTo("≥ 1,500 reports/s");
        assertThat(Row.judged("p", "x", 1, "ms", Target.below(50), "").targetText()).isEqualTo("< 50 ms");
        assertThat(Row.info("p", "x", Double.NaN, "ms", "").valueText()).isEqualTo("未测 n/a");
    }

    @Test
    void numbersAreRoundedForReading() {
        assertThat(Row.format(12345.6)).isEqualTo("12,346");
        assertThat(Row.format(42.25)).isEqualTo("42.3");
        assertThat(Row.format(3.14159)).isEqualTo("3.14");
        assertThat(Row.format(0.0421)).isEqualTo("0.042");
        assertThat(Row.format(7)).isEqualTo("7");
        assertThat(Row.format(Double.NaN)).isEqualTo("n/a");
    }
}
