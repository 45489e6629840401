package org.keywork.notification.delivery;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;

import io.micrometer.core.instrument.MeterRegistry;
import org.keywork.events.Topics;
import org.keywork.notification.outbound.AlertChange;
import org.keywork.support.events.InboundEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
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
 *
 * <p>Cheap when busy: whatever is queued when the sender comes round goes out as one message (a month end's
 * thousands of alerts are a few hundred messages, not one each); the sending instance is named in a header, so it
 * skips its own messages unread; and an instance with no stream open reads nothing at all (nobody to tell).
 */
@Configuration(proxyBeanMethods = false)
class LiveFanout implements DisposableBean {

    static final String TOPIC = Topics.NOTIFICATION_LIVE;
    static final String METER = "keywork.notification.live";
    /** The header naming the instance that published a message. */
    static final String ORIGIN_HEADER = "keywork_live_origin";
    /** Updates per message at most (an alert's view is a few KB; the broker takes 1 MB). */
    static final int MAX_BATCH = 100;
    private static final int QUEUE_CAPACITY = 2000;
    private static final Logger log = LoggerFactory.getLogger(LiveFanout.class);

    /** One change to push: a notification or an alert change. */
    record LiveUpdate(Delivery notification, AlertChange alert) {
    }

    /** What travels between instances: the updates one instance made, in the order it made them. */
    record LiveUpdates(List<LiveUpdate> updates) {
    }

    private final String origin = UUID.randomUUID().toString();
    private final InboxChannel inbox;
    private final StreamBridge bridge;
    private final JsonMapper json;
    private final MeterRegistry meters;
    private final BlockingQueue<LiveUpdate> queued = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final Thread sender;

    LiveFanout(InboxChannel inbox, StreamBridge bridge, JsonMapper json, MeterRegistry meters) {
        this.inbox = inbox;
        this.bridge = bridge;
        this.json = json;
        this.meters = meters;
        this.sender = new Thread(this::sendWhatIsQueued, "live-fanout");
        sender.setDaemon(true);
        sender.start();
        inbox.onPushedHere(delivery -> publish(new LiveUpdate(delivery, null)));
    }

    @EventListener(AlertChange.class)
    void alertChangedHere(AlertChange change) {
        publish(new LiveUpdate(null, change));
    }

    private void publish(LiveUpdate update) {
        if (!queued.offer(update)) {
            meters.counter(METER, "outcome", "not-published").increment();
        }
    }

    private void sendWhatIsQueued() {
        List<LiveUpdate> batch = new ArrayList<>(MAX_BATCH);
        while (true) {
            try {
                batch.add(queued.take());
            } catch (InterruptedException stopping) {
                return;
            }
            queued.drainTo(batch, MAX_BATCH - 1);
            try {
                bridge.send(TOPIC, MessageBuilder.withPayload(json.writeValueAsBytes(new LiveUpdates(batch)))
                        .setHeader(ORIGIN_HEADER, origin).build());
                meters.counter(METER, "outcome", "published").increment(batch.size());
            } catch (RuntimeException e) {
                meters.counter(METER, "outcome", "not-published").increment(batch.size());
                log.debug("{} live update(s) not passed on to the other instances: {}", batch.size(), e.toString());
            }
            batch.clear();
        }
    }

    /** Binding {@code liveUpdates-in-0}: what the other instances pushed, for this instance's streams. */
    @Bean
    Consumer<Message<byte[]>> liveUpdates() {
        return message -> {
            if (origin.equals(InboundEvents.header(message, ORIGIN_HEADER))) {
                return; // pushed here already
            }
            if (inbox.connected() == 0) {
                return; // no stream open here: nobody to tell
            }
            LiveUpdates received;
            try {
                received = json.readValue(message.getPayload(), LiveUpdates.class);
            } catch (RuntimeException e) {
                meters.counter(METER, "outcome", "unreadable").increment();
                log.warn("Skipping an unreadable live update: {}", e.toString());
                return;
            }
            if (received.updates() == null) {
                return;
            }
            for (LiveUpdate update : received.updates()) {
                if (update.notification() != null) {
                    inbox.push(update.notification());
                }
                if (update.alert() != null) {
                    inbox.alertChanged(update.alert());
                }
            }
            meters.counter(METER, "outcome", "received").increment(received.updates().size());
        };
    }

    @Override
    public void destroy() {
        sender.interrupt();
    }
}
