package org.keywork.support.jobs;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * A sweep's work side by side: a list of independent pieces (say, plan items), each changed by compare-and-set,
 * taken in a few lanes at once, so that one piece's store round trips overlap another's (and the store commits
 * concurrent writes together). One piece at a time, a month end's thousands of changes spent most of their time
 * waiting for the store.
 */
public final class Lanes {

    /** Lanes at most. */
    public static final int MAX = 4;
    /** A list shorter than this many pieces per lane goes in fewer lanes (a short one in the caller's thread). */
    static final int PIECES_PER_LANE = 50;

    private Lanes() {
    }

    /** How many lanes {@code pieces} pieces of work get. */
    static int lanesFor(int pieces) {
        return Math.max(1, Math.min(MAX, pieces / PIECES_PER_LANE));
    }

    /**
     * Runs {@code work} for every piece, in up to {@link #MAX} lanes (the first in the caller's thread, the others in
     * threads named {@code name}), and returns when all are done. The first failure is thrown once every lane ended.
     */
    public static <T> void each(List<T> pieces, String name, Consumer<T> work) {
        int lanes = lanesFor(pieces.size());
        if (lanes == 1) {
            pieces.forEach(work);
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(lanes - 1, task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<?>> others = new ArrayList<>();
            for (int lane = 1; lane < lanes; lane++) {
                int first = lane;
                others.add(pool.submit(() -> lane(pieces, first, lanes, work)));
            }
            RuntimeException failure = null;
            try {
                lane(pieces, 0, lanes, work);
            } catch (RuntimeException e) {
                failure = e;
            }
            for (Future<?> other : others) {
                try {
                    other.get();
                } catch (ExecutionException e) {
                    RuntimeException cause = e.getCause() instanceof RuntimeException r ? r
                            : new IllegalStateException(e.getCause());
                    if (failure == null) {
                        failure = cause;
                    } else {
                        failure.addSuppressed(cause);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(name + " interrupted", e);
                }
            }
            if (failure != null) {
                throw failure;
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static <T> void lane(List<T> pieces, int first, int lanes, Consumer<T> work) {
        for (int i = first; i < pieces.size(); i += lanes) {
            work.accept(pieces.get(i));
        }
    }
}
