package org.keywork.notification.delivery;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.functions.CheckedRunnable;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Sends what the {@link NotificationLog} holds pending: one loop per channel (its own thread), so a slow or dead SMTP
 * server never holds up the robots or the inbox. A loop goes round every {@code keywork.delivery.poll-interval} while
 * it finds work; idle, it waits for the {@link DeliveryDoorbell} (a message logged by this instance) or at most
 * {@code idle-poll-interval}, which is how late a retry after its backoff, or a dead instance's claim, may be seen.
 * Each round claims due entries one at a time with a lease, sends each through the channel's Resilience4j retry
 * (a few quick attempts) and circuit breaker, and records the outcome on the entry:
 * <ul>
 * <li>accepted: SENT, never sent again;</li>
 * <li>transient failure: still PENDING, due again after an exponential backoff (capped); with the default
 * {@code max-attempts} 0 an outage only delays;</li>
 * <li>permanent failure (invalid address, a robot's 4xx or non rate-limit error code): FAILED_PERMANENTLY;</li>
 * <li>breaker open: the entry is given back untouched (no attempt counted) and the round ends; the breaker lets a
 * trial call through after its wait, and the entries go out once the peer answers.</li>
 * </ul>
 *
 * <p>Restart safety: a claimed entry is sent by one instance at a time (the lease); after a crash its lease runs
 * out and the next round of any instance sends it. The one window left is a crash after the peer accepted the
 * message and before the entry was marked SENT: it is then sent a second time. For mail the {@code Message-ID} is
 * derived from the entry ({@code <messageId.EMAIL@keywork>}), so the receiving side can recognise and drop the
 * repeat; robots have no such key, and an inbox repeat is a no-op (the browser keys on the event id).
 *
 * <p>Scheduling runs on real time ({@link Clock#systemUTC()}), never on the business clock.
 */
@Component
class DeliveryDispatcher implements SmartLifecycle {

    static final String METER = "keywork.delivery";

    private static final Logger log = LoggerFactory.getLogger(DeliveryDispatcher.class);

    private final NotificationLog notifications;
    private final List<Channel> channels;
    private final DeliveryProperties properties;
    private final CircuitBreakerRegistry breakers;
    private final RetryRegistry retries;
    private final MeterRegistry meters;
    private final DeliveryDoorbell doorbell;
    private final Clock clock = Clock.systemUTC();
    private final String instance = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID();

    private volatile ExecutorService executor;
    private volatile CountDownLatch stopping = new CountDownLatch(0);
    private volatile boolean running;

    DeliveryDispatcher(NotificationLog notifications, List<Channel> channels, DeliveryProperties properties,
            CircuitBreakerRegistry breakers, RetryRegistry retries, MeterRegistry meters, DeliveryDoorbell doorbell) {
        this.doorbell = doorbell;
        this.notifications = notifications;
        this.channels = List.copyOf(channels);
        this.properties = properties;
        this.breakers = breakers;
        this.retries = retries;
        this.meters = meters;
        for (ChannelKind kind : ChannelKind.values()) {
            Gauge.builder(METER + ".pending", notifications, n -> n.count(kind, DeliveryStatus.PENDING))
                    .description("log entries not yet sent").tag("channel", tag(kind)).register(meters);
        }
    }

    @Override
    public void start() {
        running = true;
        if (!properties.dispatchEnabled()) {
            log.warn("Delivery dispatcher disabled (keywork.delivery.dispatch-enabled=false): "
                    + "enqueued messages stay pending in the notification log");
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        stopping = stopped;
        AtomicInteger threads = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, channels.size()), task -> {
            Thread thread = new Thread(task, "delivery-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        for (Channel channel : channels) {
            if (!channel.enabled()) {
                log.warn("Delivery channel {} is not configured: its entries stay pending until it is",
                        channel.kind());
                continue;
            }
            pool.execute(() -> loop(channel, stopped));
        }
        executor = pool;
        log.info("Delivery dispatcher {} started: every {} while busy, {} when idle or at once when a message is "
                + "logged here, for {}", instance, properties.pollInterval(), properties.idlePollInterval(),
                channels.stream().filter(Channel::enabled).map(Channel::kind).toList());
    }

    /**
     * One channel's rounds: one per poll interval while they find work (a burst of messages goes out in batches,
     * not in a round per message), else at the doorbell or after the idle interval.
     */
    private void loop(Channel channel, CountDownLatch stopped) {
        try {
            while (running) {
                boolean busy = claimAndSend(channel).claimed() > 0;
                if (busy) {
                    stopped.await(properties.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                } else {
                    doorbell.await(channel.kind(), properties.idlePollInterval());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Lets a send in flight finish (it is then marked), then stops; whatever is left stays pending. */
    @Override
    public void stop() {
        running = false;
        stopping.countDown();
        for (Channel channel : channels) {
            doorbell.ring(channel.kind()); // an idle loop sees running is false now, not after its idle interval
        }
        ExecutorService pool = executor;
        executor = null;
        if (pool == null) {
            return;
        }
        pool.shutdown();
        try {
            if (!pool.awaitTermination(10, TimeUnit.SECONDS)) {
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /**
     * One round of one channel: claims what is due a batch at a time and sends it, until nothing is due; returns how
     * many entries it sent. Never throws (that would end the loop).
     */
    int round(Channel channel) {
        return claimAndSend(channel).sent();
    }

    private record Round(int claimed, int sent) {
    }

    private Round claimAndSend(Channel channel) {
        int claimed = 0;
        int sent = 0;
        try {
            CircuitBreaker breaker = breaker(channel.kind());
            if (breaker != null && !breaker.tryAcquirePermission()) {
                meters.counter(METER, "channel", tag(channel.kind()), "outcome", "deferred").increment();
                log.debug("{} breaker is {}: its entries wait", channel.kind(), breaker.getState());
                return new Round(0, 0);
            }
            if (breaker != null) {
                breaker.releasePermission();
            }
            // a full batch means more may be due: go on at once, until the channel has nothing due or defers
            List<Delivery> batch;
            do {
                batch = notifications.claimDue(channel.kind(), instance, properties.lease(), properties.batchSize());
                claimed += batch.size();
                for (int i = 0; i < batch.size(); i++) {
                    Outcome outcome = running ? deliver(channel, batch.get(i)) : Outcome.DEFERRED;
                    if (outcome == Outcome.SENT) {
                        sent++;
                    } else if (outcome == Outcome.DEFERRED) {
                        // the breaker opened, or stopping: what this round still holds goes back untouched
                        int from = running ? i + 1 : i;
                        for (Delivery untouched : batch.subList(from, batch.size())) {
                            notifications.release(untouched, instance, null);
                        }
                        return new Round(claimed, sent);
                    }
                }
            } while (batch.size() == properties.batchSize() && running);
        } catch (RuntimeException e) {
            log.warn("Delivery round for {} failed, next round retries: {}", channel.kind(), e.toString());
        }
        return new Round(claimed, sent);
    }

    private Outcome deliver(Channel channel, Delivery delivery) {
        ChannelKind kind = channel.kind();
        AtomicReference<Throwable> lastFailure = new AtomicReference<>();
        try {
            decorated(channel, delivery, lastFailure).run();
        } catch (CallNotPermittedException open) {
            if (lastFailure.get() != null) {
                // the breaker opened during this round's own retries: the round did try, and failed
                return failed(delivery, lastFailure.get());
            }
            notifications.release(delivery, instance, "circuit breaker open");
            meters.counter(METER, "channel", tag(kind), "outcome", "deferred").increment();
            log.info("{} breaker is open: {} waits", kind, delivery.id());
            return Outcome.DEFERRED;
        } catch (PermanentDeliveryException e) {
            notifications.markFailed(delivery, instance, e.getMessage(), true, null);
            meters.counter(METER, "channel", tag(kind), "outcome", "failed").increment();
            log.warn("{} failed permanently: {}", delivery.id(), e.getMessage());
            return Outcome.FAILED;
        } catch (InterruptedException e) {
            notifications.release(delivery, instance, "interrupted");
            Thread.currentThread().interrupt();
            return Outcome.DEFERRED;
        } catch (Throwable e) {
            return failed(delivery, e);
        }
        if (notifications.markSent(delivery, instance)) {
            meters.counter(METER, "channel", tag(kind), "outcome", "sent").increment();
            log.info("Sent {} to {}", delivery.id(), kind == ChannelKind.EMAIL ? delivery.address() : kind);
        } else {
            log.warn("Sent {} but the entry was no longer held by this instance (lease {} too short?)",
                    delivery.id(), properties.lease());
        }
        return Outcome.SENT;
    }

    /** A transient failure: pending again after the backoff, or given up after {@code max-attempts} rounds. */
    private Outcome failed(Delivery delivery, Throwable e) {
        int failedRounds = delivery.attempts() + 1;
        boolean giveUp = properties.maxAttempts() > 0 && failedRounds >= properties.maxAttempts();
        Instant next = clock.instant().plus(properties.backoff(failedRounds));
        notifications.markFailed(delivery, instance, e.toString(), giveUp, next);
        meters.counter(METER, "channel", tag(delivery.channel()), "outcome", "failed").increment();
        if (giveUp) {
            log.warn("{} given up after {} failed rounds: {}", delivery.id(), failedRounds, e.toString());
        } else {
            log.info("{} failed (round {}), next try at {}: {}", delivery.id(), failedRounds, next, e.toString());
        }
        return Outcome.FAILED;
    }

    private CheckedRunnable decorated(Channel channel, Delivery delivery, AtomicReference<Throwable> lastFailure) {
        CheckedRunnable send = () -> {
            try {
                channel.send(delivery);
            } catch (Throwable e) {
                lastFailure.set(e);
                throw e;
            }
        };
        String name = channel.kind().resilienceName();
        if (name == null) {
            return send;
        }
        return Retry.decorateCheckedRunnable(retries.retry(name),
                CircuitBreaker.decorateCheckedRunnable(breakers.circuitBreaker(name), send));
    }

    private CircuitBreaker breaker(ChannelKind kind) {
        return kind.resilienceName() == null ? null : breakers.circuitBreaker(kind.resilienceName());
    }

    private static String tag(ChannelKind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    private enum Outcome { SENT, FAILED, DEFERRED }
}
