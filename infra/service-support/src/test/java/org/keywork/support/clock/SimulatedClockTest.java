package org.keywork.support.clock;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SimulatedClockTest {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    /** A real clock the test moves by hand. */
    static final class ManualClock extends Clock {
        Instant now = Instant.parse("2026-11-27T10:00:00Z");

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    @Test
    void runsOnAtRealSpeedFromTheMomentItIsSet() {
        ManualClock real = new ManualClock();
        SimulatedClock clock = new SimulatedClock(real, SHANGHAI);
        assertThat(clock.instant()).isEqualTo(real.now);

        clock.set(Instant.parse("2021-03-31T10:00:00Z"), real.now);
        real.now = real.now.plus(Duration.ofHours(3));

        assertThat(clock.instant()).isEqualTo(Instant.parse("2021-03-31T13:00:00Z"));
        assertThat(LocalDate.now(clock)).isEqualTo(LocalDate.of(2021, 3, 31));
    }

    @Test
    void judgesDatesInTheBusinessTimeZone() {
        ManualClock real = new ManualClock();
        SimulatedClock clock = new SimulatedClock(real, SHANGHAI);
        // 17:00 UTC on March 31 is already April 1 in Shanghai
        clock.set(Instant.parse("2021-03-31T17:00:00Z"), real.now);

        assertThat(LocalDate.now(clock)).isEqualTo(LocalDate.of(2021, 4, 1));
        assertThat(LocalDate.now(clock.withZone(ZoneOffset.UTC))).isEqualTo(LocalDate.of(2021, 3, 31));
    }

    @Test
    void aSettingAppliedLaterStillCountsFromItsOwnRealMoment() {
        ManualClock real = new ManualClock();
        SimulatedClock clock = new SimulatedClock(real, SHANGHAI);
        Instant setAt = real.now;
        real.now = real.now.plus(Duration.ofMinutes(10)); // the event reached this service 10 minutes later

        clock.set(Instant.parse("2021-06-30T00:00:00Z"), setAt);

        assertThat(clock.instant()).isEqualTo(Instant.parse("2021-06-30T00:10:00Z"));
    }
}
