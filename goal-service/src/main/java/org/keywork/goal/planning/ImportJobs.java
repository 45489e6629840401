package org.keywork.goal.planning;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.keywork.support.web.InvalidRequestException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * Imports as jobs: the request waits up to {@code keywork.plans.import-wait} (3 s) and answers with the imported plan
 * as it always did; a larger document goes on in the background and the request answers 202 with the job, whose
 * progress {@code GET /api/plans/jobs/{id}} shows. A document is read before any job is started, so one that cannot
 * be read is refused at once and leaves nothing behind (reading is the quick part).
 */
@Service
class ImportJobs implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ImportJobs.class);

    private final PlanImporter importer;
    private final PlanJobs jobs;
    private final Duration wait;
    private final ExecutorService workers = Executors.newFixedThreadPool(2, r -> {
        Thread thread = new Thread(r, "plan-import");
        thread.setDaemon(true);
        return thread;
    });

    ImportJobs(PlanImporter importer, PlanJobs jobs, @Value("${keywork.plans.import-wait:3s}") Duration wait) {
        this.importer = importer;
        this.jobs = jobs;
        this.wait = wait;
    }

    /** The import's result if it finished within the wait, else the running job. */
    record Started(PlanJobs.PlanJob job, PlanImporter.Imported imported) {
    }

    Started start(byte[] upload, String contentType, Integer year, String by) {
        PlanImporter.Read read = importer.read(upload, contentType, year);
        PlanJobs.PlanJob job = jobs.start("IMPORT", by);
        CompletableFuture<PlanImporter.Imported> work = CompletableFuture.supplyAsync(() -> {
            try {
                PlanImporter.Imported imported = importer.store(read, by,
                        (done, of) -> jobs.progress(job.id(), done, of));
                jobs.done(job.id(), imported.plan().planYear(),
                        imported.version() == null ? null : imported.version().version(), imported.outcome());
                return imported;
            } catch (InvalidRequestException refused) {
                jobs.failed(job.id(), refused.getMessage());
                throw refused;
            } catch (RuntimeException e) {
                log.warn("Import job {} failed", job.id(), e);
                jobs.failed(job.id(), e.toString());
                throw e;
            }
        }, workers);
        try {
            return new Started(job, work.get(wait.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException stillRunning) {
            log.info("Import job {} by {} goes on in the background", job.id(), by);
            return new Started(jobs.find(job.id()).orElse(job), null);
        } catch (ExecutionException e) {
            throw unwrap(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while importing", e);
        }
    }

    private static RuntimeException unwrap(Throwable cause) {
        Throwable actual = cause instanceof CompletionException && cause.getCause() != null ? cause.getCause() : cause;
        return actual instanceof RuntimeException runtime ? runtime : new IllegalStateException(actual);
    }

    @Override
    public void destroy() {
        workers.shutdownNow();
    }
}
