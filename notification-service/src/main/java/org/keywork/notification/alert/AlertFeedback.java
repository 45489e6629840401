package org.keywork.notification.alert;

import java.time.Instant;

/**
 * One report back (反馈) by a department on an alert: what it did about it, optionally naming the progress report
 * that shows it. Appended to the alert's {@code feedback}, at most {@value #MAX_ENTRIES} per alert.
 *
 * @param feedbackId the client's id for it (idempotent retries), or one the service chose
 * @param by         the login of who reported
 * @param byName     his name in the directory, else the department's name, else the login
 * @param department the department reporting; null for an admin without one
 * @param note       what was done, Simplified Chinese as written
 * @param reportId   the progress report it refers to, if any
 * @param at         when (business clock)
 */
record AlertFeedback(String feedbackId, String by, String byName, String department, String note, String reportId,
        Instant at) {

    static final int MAX_ENTRIES = 20;
}
