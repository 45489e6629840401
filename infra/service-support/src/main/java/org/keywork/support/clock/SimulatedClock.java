package org.keywork.support.clock;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A business clock that can be set: from the moment it is set it runs on at real speed. Demos and tests replay a
 * plan year with it; every service follows the same settings (see {@link BusinessClockFollower}).
 */
public final class SimulatedClock extends Clock {

    private final Clock real;
    private final ZoneId zone;
    private final AtomicReference<Anchor> anchor;

    public SimulatedClock(Clock real, ZoneId zone) {
        this(real, zone, new AtomicReference<>(new Anchor(real.instant(), real.instant())));
    }

    private SimulatedClock(Clock real, ZoneId zone, AtomicReference<Anchor> anchor) {
        this.real = real;
        this.zone = zone;
        this.anchor = anchor;
    }

    /** From real time {@code realAt} on, business time is {@code businessTime} plus the real time elapsed since. */
    public void set(Instant businessTime, Instant realAt) {
        anchor.set(new Anchor(businessTime, realAt));
    }

    @Override
    public Instant instant() {
        Anchor current = anchor.get();
        return current.businessTime().plus(Duration.between(current.realAt(), real.instant()));
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId newZone) {
        return new SimulatedClock(real, newZone, anchor);
    }

    Clock real() {
        return real;
    }

    private record Anchor(Instant businessTime, Instant realAt) {
    }
}
