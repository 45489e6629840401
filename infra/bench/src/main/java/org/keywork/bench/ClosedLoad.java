package org.keywork.bench;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntPredicate;
import java.util.function.LongFunction;

/**
 * Closed-loop load: a fixed number of clients (platform threads), each sending its next request as soon as the
 * previous one is answered, until the time budget or the request budget is spent. Requests still in flight at the
 * end finish within their own timeout; the run does not wait longer than that for them.
 */
final class ClosedLoad {

    private ClosedLoad() {
    }

    static LoadResult run(HttpClient http, int clients, Duration duration, long maxRequests,
            LongFunction<HttpRequest> requestFor, IntPredicate okStatus, Duration requestTimeout) {
        AtomicLong issued = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        LongAdder ok = new LongAdder();
        Map<String, LongAdder> errors = new ConcurrentHashMap<>();
        List<Latencies> latencies = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        long begin = System.nanoTime();
        long deadline = begin + duration.toNanos();
        AtomicLong lastAnswer = new AtomicLong(begin);
        for (int c = 0; c < clients; c++) {
            Latencies mine = new Latencies();
            latencies.add(mine);
            Thread t = new Thread(() -> {
                while (!stop.get() && System.nanoTime() < deadline) {
                    long n = issued.getAndIncrement();
                    if (n >= maxRequests) {
                        break;
                    }
                    HttpRequest request = requestFor.apply(n);
                    long start = System.nanoTime();
                    try {
                        HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
                        long took = System.nanoTime() - start;
                        if (okStatus.test(response.statusCode())) {
                            ok.increment();
                            synchronized (mine) {
                                mine.record(took);
                            }
                        } else {
                            errors.computeIfAbsent("HTTP " + response.statusCode(), k -> new LongAdder()).increment();
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    } catch (Exception e) {
                        errors.computeIfAbsent(Api.failureKind(e), k -> new LongAdder()).increment();
                    }
                    lastAnswer.accumulateAndGet(System.nanoTime(), Math::max);
                }
            }, "bench-client-" + c);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        long joinDeadline = deadline + requestTimeout.toNanos() + Duration.ofSeconds(2).toNanos();
        for (Thread t : threads) {
            long wait = Math.max(1, (joinDeadline - System.nanoTime()) / 1_000_000);
            try {
                t.join(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        stop.set(true);
        Duration elapsed = Duration.ofNanos(Math.max(1, lastAnswer.get() - begin));
        Map<String, Long> errorCounts = new java.util.TreeMap<>();
        errors.forEach((k, v) -> errorCounts.put(k, v.sum()));
        String stoppedBy = issued.get() >= maxRequests ? "count" : "time";
        return new LoadResult(ok.sum(), errorCounts, Latencies.merge(latencies), elapsed, stoppedBy);
    }
}
