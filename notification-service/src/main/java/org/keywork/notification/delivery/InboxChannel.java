package org.keywork.notification.delivery;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.keywork.notification.outbound.AlertChange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.http.MediaType;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The in-app inbox. Its feed is the notification log itself (the INBOX entries), so "sending" only pushes the
 * entry to the browsers connected to this instance as a server-sent event {@code notification} whose id is the
 * entry id; it cannot fail, and the entry is marked SENT right after. A browser that was not connected, or was
 * connected to another instance, hears of it through {@link LiveFanout}; one that was not connected gets what it
 * missed by reconnecting with {@code Last-Event-ID} (see {@link NotificationLog#inboxAfter}); an event id already
 * pushed on a stream is not pushed on it again.
 */
@Component
class InboxChannel implements Channel {

    private static final Logger log = LoggerFactory.getLogger(InboxChannel.class);
    private static final int REMEMBERED_IDS = 1000;

    private final Set<Subscription> subscriptions = ConcurrentHashMap.newKeySet();
    /** Told of every notification pushed here, to pass it on to the other instances ({@link LiveFanout}). */
    private volatile java.util.function.Consumer<Delivery> pushedHere = delivery -> { };

    @Override
    public ChannelKind kind() {
        return ChannelKind.INBOX;
    }

    @Override
    public void send(Delivery delivery) {
        push(delivery);
        pushedHere.accept(delivery);
    }

    /** Pushes the notification to the matching streams of this instance (an id pushed before is not pushed again). */
    void push(Delivery delivery) {
        for (Subscription subscription : subscriptions) {
            if (subscription.subscriber.wants(delivery)) {
                subscription.push(delivery);
            }
        }
    }

    void onPushedHere(java.util.function.Consumer<Delivery> listener) {
        this.pushedHere = listener;
    }

    /**
     * An alert changed on this instance: the streams that follow one of its addressees (and the supervisors' and
     * admins' streams) get an {@value AlertChange#EVENT} event without an id, so that a browser's
     * {@code Last-Event-ID} keeps naming the last notification (what a reconnect replays from).
     */
    @EventListener(AlertChange.class)
    public void alertChanged(AlertChange change) {
        for (Subscription subscription : subscriptions) {
            if (subscription.subscriber.wants(change)) {
                subscription.alert(change);
            }
        }
    }

    /**
     * Opens a stream: registered first, then what was missed is replayed (while live pushes wait), so nothing falls
     * between the replay and the live feed.
     */
    SseEmitter subscribe(InboxSubscriber subscriber, Duration timeout, List<Delivery> missed, Runnable onEnd) {
        SseEmitter emitter = new SseEmitter(timeout.toMillis());
        Subscription subscription = new Subscription(subscriber, emitter);
        Runnable end = () -> {
            subscriptions.remove(subscription);
            onEnd.run();
        };
        emitter.onCompletion(end);
        emitter.onTimeout(end);
        emitter.onError(e -> end.run());
        synchronized (subscription) {
            subscriptions.add(subscription);
            subscription.comment("connected");
            missed.forEach(subscription::push);
        }
        return emitter;
    }

    /** Keeps idle streams open through proxies, and finds the ones whose browser is gone. */
    @Scheduled(fixedDelayString = "${keywork.delivery.heartbeat:PT15S}",
            initialDelayString = "${keywork.delivery.heartbeat:PT15S}")
    void heartbeat() {
        subscriptions.forEach(subscription -> subscription.comment("heartbeat"));
    }

    /**
     * Ends every open stream when the service shuts down, so that a graceful shutdown does not wait for them; the
     * browsers reconnect (to another instance or after the restart) with {@code Last-Event-ID} and miss nothing.
     */
    @EventListener(ContextClosedEvent.class)
    void closeStreams() {
        subscriptions.forEach(subscription -> subscription.emitter.complete());
        subscriptions.clear();
    }

    int connected() {
        return subscriptions.size();
    }

    private final class Subscription {

        final InboxSubscriber subscriber;
        final SseEmitter emitter;
        final Set<String> pushed = new LinkedHashSet<>();

        Subscription(InboxSubscriber subscriber, SseEmitter emitter) {
            this.subscriber = subscriber;
            this.emitter = emitter;
        }

        synchronized void push(Delivery delivery) {
            if (!pushed.add(delivery.id())) {
                return;
            }
            if (pushed.size() > REMEMBERED_IDS) {
                pushed.remove(pushed.iterator().next());
            }
            send(SseEmitter.event().id(delivery.id()).name("notification")
                    .data(InboxNotification.of(delivery), MediaType.APPLICATION_JSON));
        }

        synchronized void alert(AlertChange change) {
            send(SseEmitter.event().name(AlertChange.EVENT).data(change.data(), MediaType.APPLICATION_JSON));
        }

        synchronized void comment(String text) {
            send(SseEmitter.event().comment(text));
        }

        private void send(SseEmitter.SseEventBuilder event) {
            try {
                emitter.send(event);
            } catch (IOException | IllegalStateException gone) {
                log.debug("Inbox stream of {} is gone: {}", subscriber, gone.toString());
                subscriptions.remove(this);
                emitter.completeWithError(gone);
            }
        }
    }
}
