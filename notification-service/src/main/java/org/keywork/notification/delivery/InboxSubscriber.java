package org.keywork.notification.delivery;

import org.keywork.notification.outbound.AlertChange;

/**
 * Whose inbox a stream follows: a person, a position, a department (its positions: 区民政局, 区民政局 主任,
 * 区民政局 联络员 …), or several (then an entry must match each). {@code allAlerts}: a supervisor's or an admin's
 * stream, which also hears of every alert change (the {@code alert} events), whoever it is addressed to.
 */
record InboxSubscriber(String personId, String position, String department, boolean allAlerts) {

    InboxSubscriber(String personId, String position, String department) {
        this(personId, position, department, false);
    }

    InboxSubscriber(String personId, String position) {
        this(personId, position, null, false);
    }

    boolean wants(Delivery delivery) {
        return delivery.channel() == ChannelKind.INBOX && !anyone()
                && (personId == null || personId.equals(delivery.personId()))
                && (position == null || position.equals(delivery.position()))
                && (department == null || ofDepartment(delivery.position(), department));
    }

    /** Whether the stream hears of this alert change: every one, or one addressed to whom it follows. */
    boolean wants(AlertChange change) {
        if (allAlerts) {
            return true;
        }
        return !anyone()
                && (personId == null || change.personIds().contains(personId))
                && (position == null || change.positions().contains(position))
                && (department == null || change.departments().contains(department)
                        || change.positions().stream().anyMatch(p -> ofDepartment(p, department)));
    }

    static boolean ofDepartment(String position, String department) {
        return position != null && (position.equals(department) || position.startsWith(department + " "));
    }

    /** No person, position or department: it hears no notification (and, unless {@code allAlerts}, nothing). */
    boolean anyone() {
        return personId == null && position == null && department == null;
    }
}
