package org.keywork.notification.directory;

import java.time.LocalDate;
import org.keywork.notification.outbound.Contacts;

/**
 * One person's term in a position.
 *
 * @param personId stable id of the person (not his name: names repeat, and people change positions)
 * @param name     his name, for salutations
 * @param from     first day of the term
 * @param to       last day of the term; null while he holds it
 * @param contacts how he is reached besides the inbox
 */
public record Holder(String personId, String name, LocalDate from, LocalDate to, Contacts contacts) {

    public Holder {
        contacts = contacts == null ? Contacts.NONE : contacts;
    }

    /** Whether he held the position on that day. */
    public boolean holdsOn(LocalDate date) {
        return !date.isBefore(from) && (to == null || !date.isAfter(to));
    }

    Holder until(LocalDate lastDay) {
        return new Holder(personId, name, from, lastDay, contacts);
    }
}
