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

    /**
     * Waits until the stack's processes together use less than {@code cores} CPU cores over {@code window} (start-up
     * work done: plan events consumed, JIT settled), at most {@code max}; the last measured load, in cores.
     */
    static double settled(LocalStack stack, double cores, Duration window, Duration max) throws InterruptedException {
        Instant deadline = Instant.now().plus(max);
        double load;
        do {
            long before = cpuNanos(stack);
            long start = System.nanoTime();
            Thread.sleep(window.toMillis());
            load = (double) (cpuNanos(stack) - before) / (System.nanoTime() - start);
        } while (load >= cores && Instant.now().isBefore(deadline));
        return load;
    }

    private static long cpuNanos(LocalStack stack) {
        return stack.running().stream().mapToLong(part -> part.handle().info().totalCpuDuration()
                .map(Duration::toNanos).orElse(0L)).sum();
    }
}
