package org.keywork.notification.delivery;

/**
 * The channel refused the message for a reason that retrying will not fix: an invalid address, a robot answering
 * 4xx (other than 429) or an error code other than its rate limit. The circuit breakers ignore it (a bad address is
 * not an outage), the retries do not repeat it, and the entry becomes {@link DeliveryStatus#FAILED_PERMANENTLY}.
 * Every other exception from a channel counts as transient: the entry stays pending and is tried again later.
 */
class PermanentDeliveryException extends Exception {

    PermanentDeliveryException(String message) {
        super(message);
    }

    PermanentDeliveryException(String message, Throwable cause) {
        super(message, cause);
    }
}
