package org.keywork.notification.outbound;

/**
 * Where alerting hands over what is to be sent. Durable once {@link #enqueue} returns, idempotent on
 * {@link OutgoingMessage#messageId()}: the same message enqueued again (a redelivered event, a repeated sweep) is sent
 * once. Delivery implements it.
 */
public interface Outbox {

    void enqueue(OutgoingMessage message);
}
