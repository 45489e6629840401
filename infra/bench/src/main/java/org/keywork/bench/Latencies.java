package org.keywork.bench;

import java.util.Arrays;

/**
 * Latencies of one measurement, in nanoseconds, and their percentiles by the nearest-rank method (the p-th
 * percentile is the smallest recorded value such that at least p % of the values are less or equal to it).
 * Not thread-safe: each load thread records into its own and they are {@link #merge merged} afterwards.
 */
final class Latencies {

    private long[] values = new long[1024];
    private int size;
    private boolean sorted = true;

    void record(long nanos) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        if (size > 0 && nanos < values[size - 1]) {
            sorted = false;
        }
        values[size++] = nanos;
    }

    static Latencies merge(Iterable<Latencies> parts) {
        Latencies all = new Latencies();
        for (Latencies part : parts) {
            synchronized (part) {
                for (int i = 0; i < part.size; i++) {
                    all.record(part.values[i]);
                }
            }
        }
        return all;
    }

    int count() {
        return size;
    }

    /** The p-th percentile (0 < p ≤ 100) in nanoseconds; NaN when nothing was recorded. */
    double percentileNanos(double p) {
        if (p <= 0 || p > 100) {
            throw new IllegalArgumentException("percentile must be in (0, 100]: " + p);
        }
        if (size == 0) {
            return Double.NaN;
        }
        sort();
        int rank = (int) Math.ceil(p / 100.0 * size);
        return values[Math.max(0, Math.min(size, rank) - 1)];
    }

    double percentileMillis(double p) {
        return percentileNanos(p) / 1_000_000.0;
    }

    double maxMillis() {
        return size == 0 ? Double.NaN : percentileMillis(100);
    }

    double meanMillis() {
        if (size == 0) {
            return Double.NaN;
        }
        double sum = 0;
        for (int i = 0; i < size; i++) {
            sum += values[i];
        }
        return sum / size / 1_000_000.0;
    }

    private void sort() {
        if (!sorted) {
            Arrays.sort(values, 0, size);
            sorted = true;
        }
    }
}
