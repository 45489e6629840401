package org.keywork.project.project;

import java.time.Instant;
import org.keywork.events.Responsibility;

/**
 * A recorded change of who answers for a construction item: who changed it, when, from what to what, and why.
 *
 * @param changedAt when the change was stored
 * @param changedBy the acting user ({@code X-Keywork-User}), {@code anonymous} when the request named none
 * @param reason    why, in the words of whoever changed it
 * @param before    the responsibility before the change (may be sample data, or null when the item had none)
 * @param after     the responsibility since the change
 */
record ResponsibilityChange(Instant changedAt, String changedBy, String reason, Responsibility before,
        Responsibility after) {
}
