package org.keywork.notification.alert;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A step of the escalation ladder taken for an alert, with the person who held the step's position that day.
 *
 * @param step         index in the ladder, 0 first
 * @param role         whom it addresses
 * @param position     the position addressed
 * @param personId     its holder on {@code businessDate}; null when vacant or unknown to the directory
 * @param personName   his name
 * @param at           when (business clock)
 * @param businessDate the business date the step was taken on
 */
record Escalation(int step, RecipientRole role, String position, String personId, String personName, Instant at,
        LocalDate businessDate) {
}
