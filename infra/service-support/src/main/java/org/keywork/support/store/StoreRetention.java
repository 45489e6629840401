package org.keywork.support.store;

import java.time.Clock;
import java.time.Duration;

import org.keywork.support.jobs.ClusterJobs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Dated purges by code (the embedded wire server has no TTL indexes): once an hour every store deletes what its
 * retention no longer keeps, in bounded batches. Idempotent, so every instance may run it.
 */
public class StoreRetention {

    static final int BATCH = 1_000;
    /** One run stops after this many batches per store; the next run goes on. */
    static final int MAX_BATCHES = 100;

    private static final Logger log = LoggerFactory.getLogger(StoreRetention.class);

    private final ObjectProvider<DocumentStore> stores;
    private final Clock realClock = Clock.systemUTC();

    private final ClusterJobs jobs;

    public StoreRetention(ObjectProvider<DocumentStore> stores, ClusterJobs jobs) {
        this.stores = stores;
        this.jobs = jobs;
    }

    @Scheduled(initialDelayString = "${keywork.store.retention-initial-delay:5m}",
            fixedDelayString = "${keywork.store.retention-interval:1h}")
    public void purge() {
        jobs.runOnce("store-retention", new ClusterJobs.Lease(Duration.ofMinutes(1), Duration.ofMinutes(30)),
                this::purgeNow);
    }

    /** Deletes what is past its retention in every store, in bounded batches (here, whatever other instances do). */
    public void purgeNow() {
        for (DocumentStore store : stores.orderedStream().toList()) {
            long deleted = 0;
            for (int i = 0; i < MAX_BATCHES; i++) {
                long batch = store.purgeExpired(realClock.instant(), BATCH);
                deleted += batch;
                if (batch < BATCH) {
                    break;
                }
            }
            if (deleted > 0) {
                log.info("Retention: {} expired documents deleted from {}", deleted, store.collection());
            }
        }
    }
}
