package org.keywork.stack;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;

/** Waiting in the end-to-end tests: until a condition holds, or an AssertionError after the timeout. */
final class Awaits {

    private Awaits() {
    }

    static void until(Duration timeout, BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("condition not met within " + timeout);
            }
            Thread.sleep(200);
        }
    }

    /** What {@code value} gives once it gives something (not null); an AssertionError after the timeout. */
    static <T> T value(Duration timeout, Callable<T> value) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            T found = value.call();
            if (found != null) {
                return found;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("nothing within " + timeout);
            }
            Thread.sleep(200);
        }
    }
}
