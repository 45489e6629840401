package org.keywork.notification.delivery;

/**
 * Sends one logged delivery. Everything needed is in the {@link Delivery}, so a restarted instance can send what
 * another one left pending.
 */
interface Channel {

    ChannelKind kind();

    /** False when the channel is not configured (e.g. no SMTP host): its entries then stay pending. */
    default boolean enabled() {
        return true;
    }

    /**
     * Sends it once. Returns normally when the peer accepted it.
     *
     * @throws PermanentDeliveryException when retrying cannot help
     * @throws Exception                  anything else: transient, tried again later
     */
    void send(Delivery delivery) throws Exception;
}
