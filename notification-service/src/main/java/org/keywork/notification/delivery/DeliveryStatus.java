package org.keywork.notification.delivery;

/** Where one (message, channel) stands. */
public enum DeliveryStatus {
    /** Not yet sent: due at {@code nextAttemptAt}, possibly after failed attempts. An outage keeps it here. */
    PENDING,
    /** Accepted by the channel (SMTP server, robot, or stored for the inbox). Never sent again. */
    SENT,
    /** Rejected for good (invalid address, a robot refusing the request): retrying would not help. */
    FAILED_PERMANENTLY
}
