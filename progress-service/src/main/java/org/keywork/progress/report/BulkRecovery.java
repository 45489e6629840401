package org.keywork.progress.report;

import java.time.Duration;
import org.keywork.support.jobs.ClusterJobs;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Finishes bulk uploads left {@code PENDING}: at start-up (a crash between storing an upload and writing all of its
 * reports), and now and then while running (an expansion that failed, e.g. while MongoDB was briefly away). Expanding
 * is idempotent, so finishing an upload twice, or on two instances at once, stores each report once.
 */
@Component
class BulkRecovery implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(BulkRecovery.class);

    private final BulkIntake intake;
    private final Clock clock;

    private final ClusterJobs jobs;

    BulkRecovery(BulkIntake intake, Clock clock, ClusterJobs jobs) {
        this.jobs = jobs;
        this.intake = intake;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) {
        int finished = finishPending(clock.instant());
        if (finished > 0) {
            log.info("Finished {} bulk upload(s) left pending", finished);
        }
    }

    /** Uploads pending for longer than a fresh upload takes to expand. */
    @Scheduled(fixedDelayString = "${keywork.progress.bulk-recovery-interval:1m}",
            initialDelayString = "${keywork.progress.bulk-recovery-interval:1m}")
    void sweep() {
        jobs.runOnce("progress-bulk-recovery", ClusterJobs.Lease.atMost(Duration.ofMinutes(10)),
                () -> finishPending(clock.instant().minus(BulkIntake.recoveryGrace())));
    }

    int finishPending(java.time.Instant receivedBefore) {
        int finished = 0;
        for (BulkUpload upload : intake.pending(receivedBefore)) {
            try {
                intake.expand(upload);
                finished++;
            } catch (RuntimeException e) {
                log.warn("Bulk upload {} still pending (will retry): {}", upload.uploadId(), e.toString());
            }
        }
        return finished;
    }
}
