package org.keywork.events;

/** Where a tracked target stands against its plan. */
public enum TrackingStatus {
    /** No progress reported yet. */
    NOT_STARTED,
    /** On track. */
    GREEN,
    /** Slipping: behind the plan curve, but within reach. */
    YELLOW,
    /** Late: far behind the plan curve, or overdue. */
    RED,
    /** The target is met. */
    DONE
}
