package org.keywork.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;

/**
 * notification-service raised an alert for a responsible leader. There is one alert per (target, rule, period).
 *
 * @param alertId            derived from (target, rule, period), stable across redeliveries
 * @param planYear           the plan year
 * @param itemId             {@code S.N}
 * @param targetId           {@code S.N#K}
 * @param rule               the rule that fired
 * @param period             the period judged
 * @param severity           the status that caused it, e.g. RED
 * @param recipientPosition  the position whose holder receives it
 * @param title              a one-line summary (zh-CN)
 * @param message            the message text (zh-CN)
 * @param raisedAt           when the alert was raised
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AlertRaised(
        String alertId,
        int planYear,
        String itemId,
        String targetId,
        String rule,
        String period,
        TrackingStatus severity,
        String recipientPosition,
        String title,
        String message,
        Instant raisedAt) implements ItemEvent {

    public static final String TYPE = "notification.alert-raised";
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
