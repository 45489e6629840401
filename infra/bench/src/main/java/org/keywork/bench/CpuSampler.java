package org.keywork.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CPU time of the stack's processes from {@code /proc/<pid>/stat} (utime + stime of the process and its live
 * descendants, in clock ticks). {@link #sample} gives each part's share of one core over a window.
 */
final class CpuSampler {

    /** USER_HZ: 100 on every Linux the JVM runs on; the kernel reports stat times in it. */
    static final double TICKS_PER_SECOND = 100.0;

    private CpuSampler() {
    }

    /** Ticks used so far by the process and its live descendants; -1 when unreadable (not Linux, gone). */
    static long ticks(long pid) {
        long total = ownTicks(pid);
        if (total < 0) {
            return -1;
        }
        for (ProcessHandle child : ProcessHandle.of(pid).map(h -> h.descendants().toList()).orElse(List.of())) {
            long t = ownTicks(child.pid());
            if (t > 0) {
                total += t;
            }
        }
        return total;
    }

    static long ownTicks(long pid) {
        try {
            return parseStatTicks(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** utime + stime (fields 14 and 15) of a {@code /proc/<pid>/stat} line; the command may contain spaces. */
    static long parseStatTicks(String stat) {
        int close = stat.lastIndexOf(')');
        String[] fields = stat.substring(close + 2).trim().split("\\s+");
        // fields[0] is field 3 (state): utime is field 14, stime field 15
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /** Ticks used so far by each process and its live descendants (-1 where unreadable), in the map's order. */
    static Map<String, Long> snapshot(Map<String, Long> pids) {
        Map<String, Long> ticks = new LinkedHashMap<>();
        pids.forEach((name, pid) -> ticks.put(name, ticks(pid)));
        return ticks;
    }

    /**
     * CPU milliseconds each process spent per unit of work (say, a report accepted) between two {@link #snapshot}s;
     * a process unreadable at either end is left out, and nothing is returned for no work.
     */
    static Map<String, Double> millisPer(Map<String, Long> before, Map<String, Long> after, long units) {
        Map<String, Double> perUnit = new LinkedHashMap<>();
        if (units <= 0) {
            return perUnit;
        }
        before.forEach((name, b) -> {
            Long a = after.get(name);
            if (b != null && b >= 0 && a != null && a >= b) {
                perUnit.put(name, (a - b) * 1000.0 / TICKS_PER_SECOND / units);
            }
        });
        return perUnit;
    }

    /** Percent of one core used by each process (and in total, key "合计 total") over {@code millis}. */
    static Map<String, Double> sample(Map<String, Long> pids, long millis) throws InterruptedException {
        Map<String, Long> before = new LinkedHashMap<>();
        pids.forEach((name, pid) -> before.put(name, ticks(pid)));
        long start = System.nanoTime();
        Thread.sleep(millis);
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Double> percent = new LinkedHashMap<>();
        double total = 0;
        for (Map.Entry<String, Long> e : pids.entrySet()) {
            long b = before.get(e.getKey());
            long a = ticks(e.getValue());
            if (a < 0 || b < 0) {
                percent.put(e.getKey(), Double.NaN);
                continue;
            }
            double p = (a - b) / TICKS_PER_SECOND / seconds * 100.0;
            percent.put(e.getKey(), p);
            total += p;
        }
        percent.put("合计 total", total);
        return percent;
    }
}
