package org.keywork.support.store;

import java.util.function.IntFunction;
import java.util.function.Supplier;
import org.springframework.dao.OptimisticLockingFailureException;

/**
 * The one retry loop of a read-decide-write by compare-and-set ({@link DocumentStore#compareAndSet}, or a write on
 * a version): an attempt reads what is stored, decides, and writes only if nobody changed it since; an attempt that
 * lost that race is made again, on what is stored then. Callers write one attempt, never the loop.
 */
public final class CompareAndSet {

    /** Attempts before giving up: a document that changes this often while one change is decided is contended. */
    public static final int ATTEMPTS = 10;

    private static final Attempt<?> LOST = new Attempt<>(false, null);

    private CompareAndSet() {
    }

    /** What one attempt came to: a result (which may be null), or a lost race. */
    public static final class Attempt<R> {

        private final boolean won;
        private final R result;

        private Attempt(boolean won, R result) {
            this.won = won;
            this.result = result;
        }
    }

    /** The attempt is done (its write won, or there was nothing to write): {@code result} is the answer. */
    public static <R> Attempt<R> done(R result) {
        return new Attempt<>(true, result);
    }

    /** Somebody changed the document since the attempt read it: read and decide again. */
    @SuppressWarnings("unchecked")
    public static <R> Attempt<R> lost() {
        return (Attempt<R>) LOST;
    }

    /**
     * Makes attempts (numbered from 1: the first may use what the caller read already) until one is done, at most
     * {@code attempts}; then throws what {@code whenAllLost} makes.
     */
    public static <R> R retry(int attempts, IntFunction<Attempt<R>> attempt,
            Supplier<? extends RuntimeException> whenAllLost) {
        Attempt<R> won = firstWon(attempts, attempt);
        if (won == null) {
            throw whenAllLost.get();
        }
        return won.result;
    }

    /** As {@link #retry(int, IntFunction, Supplier)} with {@link #ATTEMPTS}, throwing that {@code what} kept changing. */
    public static <R> R retry(String what, IntFunction<Attempt<R>> attempt) {
        return retry(ATTEMPTS, attempt, () -> new OptimisticLockingFailureException(what + " kept changing"));
    }

    /** As {@link #retry(int, IntFunction, Supplier)} with {@link #ATTEMPTS}, answering {@code whenAllLost} instead. */
    public static <R> R retryOr(R whenAllLost, IntFunction<Attempt<R>> attempt) {
        Attempt<R> won = firstWon(ATTEMPTS, attempt);
        return won == null ? whenAllLost : won.result;
    }

    /** The first attempt that is done, or null when every one of {@code attempts} lost. */
    private static <R> Attempt<R> firstWon(int attempts, IntFunction<Attempt<R>> attempt) {
        for (int n = 1; n <= attempts; n++) {
            Attempt<R> outcome = attempt.apply(n);
            if (outcome.won) {
                return outcome;
            }
        }
        return null;
    }
}
