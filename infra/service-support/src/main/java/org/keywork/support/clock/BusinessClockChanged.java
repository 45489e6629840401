package org.keywork.support.clock;

import java.time.Instant;

/**
 * Published inside a service (a Spring application event) when the simulated business clock was set, so that work
 * that depends on the date — the daily sweep — can run at once for the new date.
 */
public record BusinessClockChanged(Instant businessTime) {
}
