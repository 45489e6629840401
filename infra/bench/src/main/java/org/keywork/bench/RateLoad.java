package org.keywork.bench;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntPredicate;
import java.util.function.LongFunction;

/**
 * Open-loop background traffic at a fixed rate ("200 reports/s of other traffic"): a ticker releases requests at
 * the rate whatever the answers do, a pool of senders sends them. When the system falls behind, released requests
 * queue in the client up to a bound; beyond it they are dropped and counted, so the run stays bounded.
 */
final class RateLoad implements AutoCloseable {

    private static final int SENDERS = 64;
    private static final int MAX_BACKLOG = 2_000;

    private final Semaphore due = new Semaphore(0);
    private final AtomicLong issued = new AtomicLong();
    private final LongAdder ok = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private final List<Thread> threads = new ArrayList<>();
    private final long begin = System.nanoTime();
    private volatile boolean running = true;
    private volatile long stoppedAt;

    RateLoad(HttpClient http, double perSecond, LongFunction<HttpRequest> requestFor, IntPredicate okStatus) {
        Thread ticker = new Thread(() -> {
            long start = System.nanoTime();
            long released = 0;
            while (running) {
                long shouldHave = (long) ((System.nanoTime() - start) / 1e9 * perSecond);
                if (shouldHave > released) {
                    int n = (int) (shouldHave - released);
                    released = shouldHave;
                    int room = MAX_BACKLOG - due.availablePermits();
                    if (n > room) {
                        dropped.add(n - Math.max(0, room));
                        n = Math.max(0, room);
                    }
                    due.release(n);
                }
                sleep(5);
            }
        }, "bench-rate-ticker");
        threads.add(ticker);
        for (int i = 0; i < SENDERS; i++) {
            threads.add(new Thread(() -> {
                while (running) {
                    try {
                        if (!due.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                            continue;
                        }
                    } catch (InterruptedException e) {
                        return;
                    }
                    if (!running) {
                        return;
                    }
                    long n = issued.getAndIncrement();
                    try {
                        HttpResponse<Void> response = http.send(requestFor.apply(n),
                                HttpResponse.BodyHandlers.discarding());
                        if (okStatus.test(response.statusCode())) {
                            ok.increment();
                        } else {
                            errors.computeIfAbsent("HTTP " + response.statusCode(), k -> new LongAdder()).increment();
                        }
                    } catch (InterruptedException e) {
                        return;
                    } catch (Exception e) {
                        errors.computeIfAbsent(Api.failureKind(e), k -> new LongAdder()).increment();
                    }
                }
            }, "bench-rate-" + i));
        }
        threads.forEach(t -> {
            t.setDaemon(true);
            t.start();
        });
    }

    long ok() {
        return ok.sum();
    }

    long dropped() {
        return dropped.sum();
    }

    Map<String, Long> errors() {
        Map<String, Long> out = new TreeMap<>();
        errors.forEach((k, v) -> out.put(k, v.sum()));
        if (dropped.sum() > 0) {
            out.put("客户端积压丢弃 dropped", dropped.sum());
        }
        return out;
    }

    /** Accepted per second over the run so far (or until stopped). */
    double achievedPerSecond() {
        long end = stoppedAt == 0 ? System.nanoTime() : stoppedAt;
        return ok.sum() / Math.max(1e-9, (end - begin) / 1e9);
    }

    @Override
    public void close() {
        if (!running) {
            return;
        }
        running = false;
        stoppedAt = System.nanoTime();
        long deadline = System.nanoTime() + Duration.ofSeconds(12).toNanos();
        for (Thread t : threads) {
            try {
                t.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
