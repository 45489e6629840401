package org.keywork.support.jobs;

import java.time.Clock;
import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;

/**
 * Scheduled work that must run once per cluster, however many instances of the service run: the daily sweeps, the
 * escalation sweep, digests, the outbox sweep, bulk-upload recovery and retention. Each run takes the job's lock
 * (ShedLock, one document per job in the service's {@code shedLock} collection, {@code _id} = job name): an instance
 * whose timer fires while another holds the lock skips that run. A lock is held at least {@code atLeastFor} (so that
 * a timer firing a little later on another instance does not run the same tick again) and at most
 * {@code atMostFor} (so that the job runs again after an instance died holding it).
 *
 * <p>The effects stay idempotent underneath (compare-and-set on each document): the lock saves the duplicate work,
 * it is not what keeps the effects exactly once.
 */
public final class ClusterJobs {

    /** The collection the locks live in (one small document per job, read and written by {@code _id} only). */
    public static final String COLLECTION = "shedLock";
    static final String METER = "keywork.jobs.runs";

    private final LockingTaskExecutor executor;
    private final MeterRegistry meters;
    private final Clock clock;

    public ClusterJobs(LockProvider locks, MeterRegistry meters, Clock clock) {
        this.executor = new DefaultLockingTaskExecutor(locks);
        this.meters = meters;
        this.clock = clock;
    }

    /** A job's lock times: held at least {@code atLeastFor}, at most {@code atMostFor}. */
    public record Lease(Duration atLeastFor, Duration atMostFor) {
        public Lease {
            if (atLeastFor.isNegative() || atMostFor.compareTo(atLeastFor) < 0) {
                throw new IllegalArgumentException("lease " + atLeastFor + ".." + atMostFor);
            }
        }

        /** For a job on a short timer: no minimum hold. */
        public static Lease atMost(Duration atMostFor) {
            return new Lease(Duration.ZERO, atMostFor);
        }
    }

    /**
     * Runs {@code task} here unless another instance holds the job's lock.
     *
     * @return true when it ran here
     */
    public boolean runOnce(String job, Lease lease, Runnable task) {
        LockConfiguration lock = new LockConfiguration(clock.instant(), job, lease.atMostFor(), lease.atLeastFor());
        LockingTaskExecutor.TaskResult<Boolean> result;
        try {
            result = executor.executeWithLock(() -> {
                task.run();
                return Boolean.TRUE;
            }, lock);
        } catch (RuntimeException | Error e) {
            meters.counter(METER, "job", job, "outcome", "failed").increment();
            throw e;
        } catch (Throwable e) {
            meters.counter(METER, "job", job, "outcome", "failed").increment();
            throw new IllegalStateException(e);
        }
        boolean ran = result.wasExecuted();
        meters.counter(METER, "job", job, "outcome", ran ? "ran" : "skipped").increment();
        return ran;
    }
}
