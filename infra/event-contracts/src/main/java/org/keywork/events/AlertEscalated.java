package org.keywork.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.time.LocalDate;

/**
 * An unacknowledged alert reached a step of the escalation ladder. Each step of an alert is taken once; its event id
 * is derived from (alert, step), so a redo publishes the same event.
 *
 * @param alertId      the alert
 * @param planYear     the plan year
 * @param itemId       {@code S.N}
 * @param targetId     {@code S.N#K}
 * @param step         the step's index in the ladder, 0 first
 * @param role         whom the step addresses: LEAD_DEPARTMENT, LEADER or DISTRICT_HEAD
 * @param position     the position addressed, e.g. 区长
 * @param personId     who held it on the business date; null when the directory names nobody
 * @param escalatedAt  when (business clock)
 * @param businessDate the business date the step was taken on
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AlertEscalated(
        String alertId,
        int planYear,
        String itemId,
        String targetId,
        int step,
        String role,
        String position,
        String personId,
        Instant escalatedAt,
        LocalDate businessDate) implements ItemEvent {

    public static final String TYPE = "notification.alert-escalated";
    public static final int VERSION = 1;

    @Override
    public String eventType() {
        return TYPE;
    }

    @Override
    public int eventVersion() {
        return VERSION;
    }
}
