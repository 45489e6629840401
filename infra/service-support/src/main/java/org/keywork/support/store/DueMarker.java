package org.keywork.support.store;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A "look at this document on or after day D" mark, for timers that must touch only due work: the field holds
 * {@code yyyy-MM-dd|<document id>} under a unique sparse index, so only marked documents are in the index, and
 * {@link #dueBy} is a regular expression matching exactly the marks of day D or earlier (ISO dates sort as text).
 *
 * <p>On MongoDB the query walks the small sparse index; on the embedded wire server, which serves a regular expression
 * on a unique index from the index alone, it walks the index's keys, never the documents of the collection. Either
 * way a sweep reads only the documents that are due, however many others the collection holds.
 */
public final class DueMarker {

    private DueMarker() {
    }

    /** The mark of {@code id}, due on {@code day}. */
    public static String mark(LocalDate day, Object id) {
        return day + "|" + id;
    }

    /** The day a mark is due. */
    public static LocalDate dayOf(String mark) {
        return LocalDate.parse(mark.substring(0, mark.indexOf('|')));
    }

    /** A regular expression (anchored) matching every mark due on {@code day} or before. */
    public static String dueBy(LocalDate day) {
        return "^" + notAfter(day.toString()); // yyyy-MM-dd: fixed width, so text order is date order
    }

    /**
     * A regular expression (not anchored) matching a text that starts with a key not after {@code key}, followed by
     * {@code |}, where keys are fixed-width texts whose digits sort as their values (a date {@code yyyy-MM-dd}, a
     * zero-padded number): for each digit, the same up to it and a smaller one there; or {@code key} itself.
     */
    public static String notAfter(String key) {
        List<String> branches = new ArrayList<>();
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (Character.isDigit(c) && c > '0') {
                // the same up to here, a smaller digit here, anything after
                branches.add(quote(key.substring(0, i)) + "[0-" + (char) (c - 1) + "]");
            }
        }
        branches.add(quote(key) + "\\|");
        return "(?:" + String.join("|", branches) + ")";
    }

    /**
     * An instant as a {@link #notAfter} key: epoch milliseconds, zero-padded to 13 digits (text order is time order
     * from 1970 to 2286); a time before 1970 counts as 1970.
     */
    public static String millisKey(Instant instant) {
        return String.format(Locale.ROOT, "%013d", Math.max(0, instant.toEpochMilli()));
    }

    /** Dates and numbers need no quoting but the separators of other keys might. */
    private static String quote(String text) {
        return text.replaceAll("[^0-9A-Za-z_-]", "\\\\$0");
    }
}
