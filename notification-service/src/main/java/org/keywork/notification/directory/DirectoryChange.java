package org.keywork.notification.directory;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A recorded change of a position's holders: who changed it, when, and what.
 *
 * @param at               when (business clock)
 * @param by               the user named by {@code X-Keywork-User}; {@code anonymous} without one
 * @param action           {@code sample-loaded} or {@code handover}
 * @param personId         the new holder
 * @param name             his name
 * @param from             the first day of his term
 * @param previousPersonId the holder whose term was closed, if any
 */
record DirectoryChange(Instant at, String by, String action, String personId, String name, LocalDate from,
        String previousPersonId) {
}
