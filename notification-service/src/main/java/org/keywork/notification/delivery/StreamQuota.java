package org.keywork.notification.delivery;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many inbox streams may be open at once: per caller (a browser has one per open tab) and in all, so that one
 * account, or a script with a stolen token, cannot hold the service's connections and threads. A stream holds a
 * {@link Lease} while it is open and gives it back when it ends, however it ends.
 */
final class StreamQuota {

    private final int perCaller;
    private final int total;
    private final Map<String, AtomicInteger> open = new ConcurrentHashMap<>();
    private final AtomicInteger all = new AtomicInteger();

    StreamQuota(int perCaller, int total) {
        this.perCaller = perCaller;
        this.total = total;
    }

    int perCaller() {
        return perCaller;
    }

    /** A lease for one more stream of {@code caller}, or empty when he, or everyone together, has too many. */
    Optional<Lease> tryAcquire(String caller) {
        if (all.incrementAndGet() > total) {
            all.decrementAndGet();
            return Optional.empty();
        }
        boolean[] granted = {false};
        open.compute(caller, (key, count) -> {
            AtomicInteger streams = count == null ? new AtomicInteger() : count;
            if (streams.get() < perCaller) {
                streams.incrementAndGet();
                granted[0] = true;
            }
            return streams.get() == 0 ? null : streams;
        });
        if (!granted[0]) {
            all.decrementAndGet();
            return Optional.empty();
        }
        return Optional.of(new Lease(caller));
    }

    int open(String caller) {
        AtomicInteger streams = open.get(caller);
        return streams == null ? 0 : streams.get();
    }

    /** One open stream; {@link #release} is idempotent. */
    final class Lease {

        private final String caller;
        private final AtomicBoolean released = new AtomicBoolean();

        private Lease(String caller) {
            this.caller = caller;
        }

        void release() {
            if (!released.compareAndSet(false, true)) {
                return;
            }
            open.computeIfPresent(caller, (key, streams) -> streams.decrementAndGet() <= 0 ? null : streams);
            all.decrementAndGet();
        }
    }
}
