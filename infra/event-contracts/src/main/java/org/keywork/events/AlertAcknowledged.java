package org.keywork.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;

/**
 * Someone acknowledged an alert: it stops escalating and reminding. Published once per alert (the first
 * acknowledgement stays), under an id derived from the alert, so a redo publishes the same event.
 *
 * @param alertId        the alert
 * @param planYear       the plan year
 * @param itemId         {@code S.N}
 * @param targetId       {@code S.N#K}
 * @param by             who acknowledged, as given; null when not named
 * @param note           what he has done or will do, optional
 * @param acknowledgedAt when
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AlertAcknowledged(
        String alertId,
        int planYear,
        String itemId,
        String targetId,
        String by,
        String note,
        Instant acknowledgedAt) implements ItemEvent {

    public static final String TYPE = "notification.alert-acknowledged";
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
