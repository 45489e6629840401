package org.keywork.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;

/**
 * The simulated business clock was set (demos and tests replay a plan year with it; production runs on real time
 * and never produces this event). Every service follows the latest one: from {@code realAt} on, business time is
 * {@code businessTime} plus the real time elapsed since.
 *
 * @param businessTime the business time at the moment of setting
 * @param realAt       the real time of that moment
 * @param setBy        who set it
 * @param reason       why (e.g. "demo: end of March 2021")
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record BusinessClockSet(Instant businessTime, Instant realAt, String setBy, String reason)
        implements IntegrationEvent {

    public static final String TYPE = "admin.business-clock-set";
    public static final int VERSION = 1;
    public static final String KEY = "business-clock";

    @Override
    public String eventType() {
        return TYPE;
    }

    @Override
    public int eventVersion() {
        return VERSION;
    }

    @Override
    public String partitionKey() {
        return KEY;
    }
}
