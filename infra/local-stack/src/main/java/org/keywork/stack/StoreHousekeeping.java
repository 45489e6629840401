package org.keywork.stack;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.RandomAccessStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Once a second, in a thread of its own: a checkpoint if anything changed (the store file catches up and the
 * write-ahead log starts empty again), and compaction if the file has room to give back. Bounded work per round, and none at all when nothing changed and the file is compact, so an idle server
 * stays idle.
 *
 * <p>Why compaction: MVStore never overwrites a page; a changed page is written anew in the next chunk and the old
 * copy becomes garbage, but a chunk's space is only reused once nothing in it is live. Each report is written twice
 * (stored, then its outbox entry removed), so most chunks end up holding a few live pages among many dead ones. Each
 * round here therefore (1) frees the chunks nothing refers to any more, (2) rewrites the live pages of the emptiest
 * chunks into the checkpoint so those chunks empty out (up to {@link #REWRITE_BYTES}), and (3) when less than
 * {@link #FILE_FILL_TARGET} % of the file is in use, moves chunks from the end of the file into the gaps and
 * truncates it (up to {@link #MOVE_BYTES}). All of it runs as a checkpoint of {@link GroupCommit}, while no command
 * is halfway through a change (the move while no command runs at all), committed before any command goes on.
 */
final class StoreHousekeeping {

    private static final Logger log = LoggerFactory.getLogger(StoreHousekeeping.class);

    private static final long PERIOD_MILLIS = 1000;
    /** Rewrite chunks while their live data fills less than this share of them, on average (percent). */
    private static final int CHUNK_FILL_TARGET = 60;
    /** Live data rewritten per round at most: a few tens of milliseconds of work. */
    private static final int REWRITE_BYTES = 8 * 1024 * 1024;
    /** Move chunks to shrink the file while less than this share of it is in use (percent). */
    private static final int FILE_FILL_TARGET = 60;
    /** Chunk data moved per round at most. */
    private static final long MOVE_BYTES = 32L * 1024 * 1024;

    /** A round longer than this is logged: commands wait while it runs. */
    private static final long SLOW_NANOS = 100_000_000;

    private final MVStore store;
    private final GroupCommit commits;
    private ScheduledExecutorService scheduler;

    StoreHousekeeping(MVStore store, GroupCommit commits) {
        this.store = store;
        this.commits = commits;
    }

    void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "keywork-store-housekeeping");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::runSafely, PERIOD_MILLIS, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Stops the rounds, waiting for a running one to end. */
    void stop() {
        if (scheduler == null) {
            return;
        }
        scheduler.shutdown();
        try {
            if (!scheduler.awaitTermination(30, TimeUnit.SECONDS)) {
                log.warn("Store housekeeping did not stop within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void runSafely() {
        try {
            runOnce();
        } catch (RuntimeException e) {
            log.warn("Store housekeeping failed (will try again): {}", e.toString(), e);
        }
    }

    /** One round: checkpoint and compact as needed. */
    void runOnce() {
        if (store.isClosed()) {
            return;
        }
        FileStore<?> fileStore = store.getFileStore();
        boolean rewrite = fileStore.getChunksFillRate() < CHUNK_FILL_TARGET;
        boolean move = store.getFillRate() < FILE_FILL_TARGET && fileStore instanceof RandomAccessStore;
        if (!rewrite && !move && !store.hasUnsavedChanges()) {
            return;
        }
        long started = System.nanoTime();
        commits.checkpoint(() -> {
            store.executeFilestoreOperation(fileStore::dropUnusedChunks);
            if (fileStore.getChunksFillRate() < CHUNK_FILL_TARGET) {
                store.compact(CHUNK_FILL_TARGET, REWRITE_BYTES);
            }
        }, false);
        long checkpointed = System.nanoTime();
        if (move && store.getFillRate() < FILE_FILL_TARGET) {
            // chunks change place in the file: no command may be reading meanwhile
            commits.checkpoint(() -> ((RandomAccessStore) fileStore).compactMoveChunks(FILE_FILL_TARGET, MOVE_BYTES,
                    store), true);
        }
        long ended = System.nanoTime();
        if (ended - started > SLOW_NANOS) {
            log.info("Store housekeeping took {} ms (checkpoint {} ms, moving chunks {} ms): {} KB, chunks {} % full,"
                    + " file {} % in use", (ended - started) / 1_000_000, (checkpointed - started) / 1_000_000,
                    (ended - checkpointed) / 1_000_000, fileStore.size() / 1024, fileStore.getChunksFillRate(),
                    store.getFillRate());
        }
        if (log.isDebugEnabled()) {
            log.debug("Store: {} KB, chunks {} % full, file {} % in use, {} groups written, {} checkpoints",
                    fileStore.size() / 1024, fileStore.getChunksFillRate(), store.getFillRate(), commits.groups(),
                    commits.checkpoints());
        }
    }
}
