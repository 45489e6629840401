package org.keywork.notification.directory;

import java.time.LocalDate;

/**
 * A person's term in one position, for his inbox.
 *
 * @param position the position
 * @param from     first day
 * @param to       last day; null while he holds it
 */
public record Term(String position, LocalDate from, LocalDate to) {
}
