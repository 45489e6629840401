package org.keywork.notification.alert;

/** Where an alert stands: raised, seen by its recipient, or settled because the indicator recovered. */
public enum AlertStatus {
    /** Raised and not yet acknowledged. */
    OPEN,
    /** The recipient has seen it. */
    ACKNOWLEDGED,
    /** The indicator is no longer RED, or the milestone is back on track or reached. */
    RESOLVED
}
