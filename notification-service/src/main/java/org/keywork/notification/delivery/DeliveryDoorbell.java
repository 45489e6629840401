package org.keywork.notification.delivery;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * Wakes a channel's dispatcher loop when this instance logs a new entry for that channel, so an idle loop can wait
 * long between rounds (reading the store twice a minute instead of every second) without delaying a new message.
 * Entries that fall due later (a retry after its backoff, a dead instance's lease running out) have no bell: the
 * idle loop's own timeout finds them.
 */
@Component
class DeliveryDoorbell {

    private final Map<ChannelKind, Semaphore> bells = new EnumMap<>(ChannelKind.class);

    DeliveryDoorbell() {
        for (ChannelKind kind : ChannelKind.values()) {
            bells.put(kind, new Semaphore(0));
        }
    }

    /** Something new is due on the channel now. Any number of rings before the next wait count as one. */
    void ring(ChannelKind channel) {
        Semaphore bell = bells.get(channel);
        if (bell.availablePermits() == 0) {
            bell.release();
        }
    }

    /** Waits until the channel's bell rings or the timeout passes. */
    void await(ChannelKind channel, Duration timeout) throws InterruptedException {
        Semaphore bell = bells.get(channel);
        bell.tryAcquire(Math.max(0, timeout.toMillis()), TimeUnit.MILLISECONDS);
        bell.drainPermits();
    }
}
