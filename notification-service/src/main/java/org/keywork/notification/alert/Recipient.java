package org.keywork.notification.alert;

/**
 * One addressee of an alert: a position (never a person: the directory says who holds it when a message is sent)
 * and why it is addressed.
 *
 * @param role     the part it plays
 * @param position a directory position, e.g. 副区长（分管民政） or 区民政局 联络员; a department's name where the
 *                 directory does not know the department
 */
record Recipient(RecipientRole role, String position) {
}
