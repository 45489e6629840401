package org.keywork.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class LatenciesTest {

    private static Latencies millis(long... values) {
        Latencies l = new Latencies();
        for (long v : values) {
            l.record(v * 1_000_000);
        }
        return l;
    }

    @Test
    void nearestRankPercentilesOfOneToHundred() {
        Latencies l = new Latencies();
        for (int i = 100; i >= 1; i--) { // recorded out of order
            l.record(i * 1_000_000L);
        }
        assertThat(l.percentileMillis(50)).isEqualTo(50);
        assertThat(l.percentileMillis(95)).isEqualTo(95);
        assertThat(l.percentileMillis(99)).isEqualTo(99);
        assertThat(l.percentileMillis(100)).isEqualTo(100);
        assertThat(l.percentileMillis(0.5)).isEqualTo(1);
        assertThat(l.meanMillis()).isEqualTo(50.5);
        assertThat(l.count()).isEqualTo(100);
    }

    @Test
    void smallSamplesTakeTheValueAtOrAboveTheRank() {
        Latencies l = millis(10, 20, 30, 1000);
        assertThat(l.percentileMillis(50)).isEqualTo(20);
        assertThat(l.percentileMillis(75)).isEqualTo(30);
        assertThat(l.percentileMillis(99)).as("p99 of four values is the largest").isEqualTo(1000);
        assertThat(millis(7).percentileMillis(1)).isEqualTo(7);
    }

    @Test
    void emptyIsNotANumberAndBadPercentilesAreRefused() {
        assertThat(new Latencies().percentileMillis(99)).isNaN();
        assertThat(new Latencies().maxMillis()).isNaN();
        assertThatThrownBy(() -> millis(1).percentileMillis(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> millis(1).percentileMillis(101)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void mergeKeepsEveryValueAndGrowsPastItsFirstCapacity() {
        Latencies a = new Latencies();
        for (int i = 0; i < 5000; i++) {
            a.record(2_000_000);
        }
        Latencies merged = Latencies.merge(List.of(a, millis(1, 3)));
        assertThat(merged.count()).isEqualTo(5002);
        assertThat(merged.percentileMillis(100)).isEqualTo(3);
        assertThat(merged.percentileMillis(0.01)).isEqualTo(1);
    }
}
