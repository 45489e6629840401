package org.keywork.notification.delivery;

/**
 * Whose inbox a stream follows: a person, a position, a department (its positions: 区民政局, 区民政局 主任,
 * 区民政局 联络员 …), or several (then an entry must match each).
 */
record InboxSubscriber(String personId, String position, String department) {

    InboxSubscriber(String personId, String position) {
        this(personId, position, null);
    }

    boolean wants(Delivery delivery) {
        return delivery.channel() == ChannelKind.INBOX
                && (personId == null || personId.equals(delivery.personId()))
                && (position == null || position.equals(delivery.position()))
                && (department == null || ofDepartment(delivery.position(), department));
    }

    static boolean ofDepartment(String position, String department) {
        return position != null && (position.equals(department) || position.startsWith(department + " "));
    }

    boolean anyone() {
        return personId == null && position == null && department == null;
    }
}
