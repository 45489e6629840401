package org.keywork.notification.delivery;

/** Whose inbox a stream follows: a person, a position, or both (then an entry must match both). */
record InboxSubscriber(String personId, String position) {

    boolean wants(Delivery delivery) {
        return delivery.channel() == ChannelKind.INBOX
                && (personId == null || personId.equals(delivery.personId()))
                && (position == null || position.equals(delivery.position()));
    }
}
