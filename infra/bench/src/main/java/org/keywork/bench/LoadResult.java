package org.keywork.bench;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What one bounded load run got.
 *
 * @param ok        requests answered with an expected status
 * @param errors    the others by kind ({@code HTTP 503}, {@code timeout}, {@code connect}, …)
 * @param latencies latencies of the successful requests
 * @param elapsed   from the first request to the end of the run (its time budget, or the last answer)
 * @param stoppedBy why the run ended: {@code time}, {@code count}
 */
record LoadResult(long ok, Map<String, Long> errors, Latencies latencies, Duration elapsed, String stoppedBy) {

    long errorCount() {
        return errors.values().stream().mapToLong(Long::longValue).sum();
    }

    double perSecond() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds <= 0 ? 0 : ok / seconds;
    }

    String errorsText() {
        if (errors.isEmpty()) {
            return "0 错误";
        }
        return errorCount() + " 错误（" + new TreeMap<>(errors).entrySet().stream()
                .map(e -> e.getKey() + " ×" + e.getValue()).collect(Collectors.joining("，")) + "）";
    }
}
