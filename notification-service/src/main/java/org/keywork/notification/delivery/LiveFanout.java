package org.keywork.notification.delivery;

import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.micrometer.core.instrument.MeterRegistry;
import org.keywork.events.Topics;
import org.keywork.notification.outbound.AlertChange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.messaging.Message;
import tools.jackson.databind.json.JsonMapper;

/**
 * Live updates for browsers connected to any instance. What one instance pushes to its own streams (a notification
 * in the inbox, an alert that changed) it also publishes on {@value #TOPIC}; every instance reads that topic in a
 * consumer group of its own (an anonymous group, from the latest offset: no instance shares another's reading) and
 * pushes what came from the other instances to its streams.
 *
 * <p>A live update is a hint, not a record: the inbox is the notification log, which a reconnecting browser reads
 * from its {@code Last-Event-ID}, and the dashboard re-reads the alerts. So publishing is asynchronous and bounded
 * (an update that does not fit the queue, or a broker that is away, costs a live update, never a request's time),
 * the topic keeps an hour, and an unreadable message is counted and skipped, not dead-lettered.
 */
@Configuration(proxyBeanMethods = false)
class LiveFanout implements DisposableBean {

    static final String TOPIC = Topics.NOTIFICATION_LIVE;
    static final String METER = "keywork.notification.live";
    private static final Logger log = LoggerFactory.getLogger(LiveFanout.class);

    /** What travels between instances: who sent it, and either a notification or an alert change. */
    record LiveUpdate(String origin, Delivery notification, AlertChange alert) {
    }

    private final String origin = UUID.randomUUID().toString();
    private final InboxChannel inbox;
    private final StreamBridge bridge;
    private final JsonMapper json;
    private final MeterRegistry meters;
    private final ThreadPoolExecutor sender = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(1000), r -> {
                Thread thread = new Thread(r, "live-fanout");
                thread.setDaemon(true);
                return thread;
            });

    LiveFanout(InboxChannel inbox, StreamBridge bridge, JsonMapper json, MeterRegistry meters) {
        this.inbox = inbox;
        this.bridge = bridge;
        this.json = json;
        this.meters = meters;
        inbox.onPushedHere(delivery -> publish(new LiveUpdate(origin, delivery, null)));
    }

    @EventListener(AlertChange.class)
    void alertChangedHere(AlertChange change) {
        publish(new LiveUpdate(origin, null, change));
    }

    private void publish(LiveUpdate update) {
        try {
            sender.execute(() -> {
                try {
                    bridge.send(TOPIC, json.writeValueAsBytes(update));
                    meters.counter(METER, "outcome", "published").increment();
                } catch (RuntimeException e) {
                    meters.counter(METER, "outcome", "not-published").increment();
                    log.debug("Live update not passed on to the other instances: {}", e.toString());
                }
            });
        } catch (RejectedExecutionException full) {
            meters.counter(METER, "outcome", "not-published").increment();
        }
    }

    /** Binding {@code liveUpdates-in-0}: what the other instances pushed, for this instance's streams. */
    @Bean
    Consumer<Message<byte[]>> liveUpdates() {
        return message -> {
            LiveUpdate update;
            try {
                update = json.readValue(message.getPayload(), LiveUpdate.class);
            } catch (RuntimeException e) {
                meters.counter(METER, "outcome", "unreadable").increment();
                log.warn("Skipping an unreadable live update: {}", e.toString());
                return;
            }
            if (origin.equals(update.origin())) {
                return; // pushed here already
            }
            if (update.notification() != null) {
                inbox.push(update.notification());
            }
            if (update.alert() != null) {
                inbox.alertChanged(update.alert());
            }
            meters.counter(METER, "outcome", "received").increment();
        };
    }

    @Override
    public void destroy() {
        sender.shutdownNow();
    }
}
