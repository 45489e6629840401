package org.keywork.progress.report;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.stereotype.Component;

/**
 * Writes the reports of concurrent requests together: each request hands its report over and waits, and a writer
 * stores everything waiting in one insert (up to {@value #BATCH} reports). Under load one store command carries many
 * reports instead of one each; alone, a report is written at once. The caller is answered only after its report is
 * stored, so an accepted report is as durable as before.
 */
@Component
class ReportWriter implements SmartLifecycle {

    static final int BATCH = 256;
    private static final int WRITERS = 2;

    private static final Logger log = LoggerFactory.getLogger(ReportWriter.class);

    private final ReportStore reports;
    private final MeterRegistry meters;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>(4 * BATCH * WRITERS);
    private final AtomicBoolean running = new AtomicBoolean();
    private final List<Thread> writers = new ArrayList<>();

    ReportWriter(ReportStore reports, MeterRegistry meters) {
        this.reports = reports;
        this.meters = meters;
    }

    private record Pending(ProgressReport report, CompletableFuture<Boolean> stored) {
    }

    /**
     * Stores a new report; returns when it is stored.
     *
     * @throws DuplicateKeyException when its id, or the report it corrects, is taken
     */
    void insert(ProgressReport report) {
        Pending pending = new Pending(report, new CompletableFuture<>());
        if (!running.get() || !queue.offer(pending)) {
            reports.insert(report); // not started, or a full queue: write it alone
            return;
        }
        boolean stored;
        try {
            stored = pending.stored().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
        } catch (TimeoutException e) {
            throw new QueryTimeoutException("report " + report.reportId() + " not stored within 30 s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while storing report " + report.reportId(), e);
        }
        if (!stored) {
            throw new DuplicateKeyException("report " + report.reportId() + ": id or corrected report taken");
        }
    }

    private void write() {
        List<Pending> batch = new ArrayList<>(BATCH);
        while (running.get() || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, BATCH - 1);
                Set<Integer> taken = reports.insertAll(batch.stream().map(Pending::report).toList());
                for (int i = 0; i < batch.size(); i++) {
                    batch.get(i).stored().complete(!taken.contains(i));
                }
                meters.summary("keywork.progress.write.batch").record(batch.size());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                batch.forEach(p -> p.stored().completeExceptionally(e));
                return;
            } catch (RuntimeException e) {
                log.warn("Writing {} reports failed: {}", batch.size(), e.toString());
                batch.forEach(p -> p.stored().completeExceptionally(e));
            } finally {
                batch.clear();
            }
        }
    }

    @Override
    public void start() {
        running.set(true);
        for (int i = 0; i < WRITERS; i++) {
            Thread writer = new Thread(this::write, "report-writer-" + i);
            writer.setDaemon(true);
            writer.start();
            writers.add(writer);
        }
    }

    /** Writes what is waiting, then stops (the web server stops taking requests before this). */
    @Override
    public void stop() {
        running.set(false);
        for (Thread writer : writers) {
            try {
                writer.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        writers.clear();
    }

    @Override
    public boolean isRunning() {
        return running.get();
    }

    /** Stops after the web server (which stops at the graceful-shutdown phase). */
    @Override
    public int getPhase() {
        return Integer.MIN_VALUE + 2000;
    }
}
