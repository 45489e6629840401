package org.keywork.stack;

import java.time.Duration;

/** Hears what {@link LocalStack} is doing, e.g. to print progress. All methods default to doing nothing. */
public interface ProgressListener {

    ProgressListener SILENT = new ProgressListener() {
    };

    /** About to launch {@code part}, number {@code index} (1-based) of {@code total}. */
    default void starting(Part part, int index, int total) {
    }

    /** The part answered its health check. */
    default void ready(Part part, long pid, Duration took) {
    }

    /** The part did not become healthy; everything started is about to be stopped. */
    default void failed(Part part, Duration took, String reason) {
    }

    /** About to stop {@code part}. */
    default void stopping(Part part, long pid) {
    }

    /** The part has ended; {@code killed} when it had to be killed after the grace period. */
    default void stopped(Part part, long pid, Duration took, boolean killed) {
    }

    // One instance of a scaled service (./keywork up --scale): by default as its part.

    default void starting(Instance instance, int index, int total) {
        starting(instance.part(), index, total);
    }

    default void ready(Instance instance, long pid, Duration took) {
        ready(instance.part(), pid, took);
    }

    default void failed(Instance instance, Duration took, String reason) {
        failed(instance.part(), took, reason);
    }

    default void stopping(Instance instance, long pid) {
        stopping(instance.part(), pid);
    }

    default void stopped(Instance instance, long pid, Duration took, boolean killed) {
        stopped(instance.part(), pid, took, killed);
    }
}
