package org.keywork.notification.outbound;

import java.util.Set;

/**
 * An alert changed (raised, acknowledged, reported back on, resolved): what alerting tells the open inbox streams of
 * this instance, as an application event, so that a dashboard updates the alert in place.
 *
 * @param alertId     the alert
 * @param data        what the stream sends as the event's data (JSON), the alert as the API shows it
 * @param positions   the positions it is addressed to: a stream following one of them receives it
 * @param departments the lead and cooperating departments: a stream following one of them receives it
 * @param personIds   who holds those positions today: a stream following one of them receives it
 */
public record AlertChange(String alertId, Object data, Set<String> positions, Set<String> departments,
        Set<String> personIds) {

    /** The server-sent event's name. */
    public static final String EVENT = "alert";

    public AlertChange {
        positions = positions == null ? Set.of() : Set.copyOf(positions);
        departments = departments == null ? Set.of() : Set.copyOf(departments);
        personIds = personIds == null ? Set.of() : Set.copyOf(personIds);
    }
}
