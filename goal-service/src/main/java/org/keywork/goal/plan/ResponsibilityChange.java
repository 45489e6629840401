package org.keywork.goal.plan;

import java.time.Instant;
import org.keywork.events.Responsibility;

/** A recorded change of who answers for an item: who changed it, when, from what to what, and why. */
public record ResponsibilityChange(Instant changedAt, String changedBy, String reason, Responsibility before,
        Responsibility after) {
}
