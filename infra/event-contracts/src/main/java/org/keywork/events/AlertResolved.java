package org.keywork.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;

/**
 * An alert's condition went away: the indicator or milestone is back on track, or the missing report arrived.
 * Published once per alert, under an id derived from the alert.
 *
 * @param alertId    the alert
 * @param planYear   the plan year
 * @param itemId     {@code S.N}
 * @param targetId   {@code S.N#K}
 * @param reason     why, in words (zh-CN)
 * @param resolvedAt when
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AlertResolved(
        String alertId,
        int planYear,
        String itemId,
        String targetId,
        String reason,
        Instant resolvedAt) implements ItemEvent {

    public static final String TYPE = "notification.alert-resolved";
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
