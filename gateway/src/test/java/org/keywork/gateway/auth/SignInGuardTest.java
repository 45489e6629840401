package org.keywork.gateway.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SignInGuardTest {

	final MutableClock clock = new MutableClock(Instant.parse("2026-12-03T08:00:00Z"));

	final SignInGuard guard = new SignInGuard(new SignInProperties(5, 20, Duration.ofMinutes(15),
			Duration.ofSeconds(30), Duration.ofMinutes(15)), this.clock);

	@Test
	void theFifthFailureLocksTheNameAndEveryFurtherOneDoublesTheLockUpToItsCap() {
		for (int i = 0; i < 4; i++) {
			this.guard.failed("Admin", "ip:10.0.0.1");
		}
		assertThat(this.guard.lockedFor("admin", "ip:10.0.0.2")).isEmpty();
		this.guard.failed("admin ", "ip:10.0.0.1");
		assertThat(this.guard.lockedFor("ADMIN", "ip:10.0.0.2")).contains(Duration.ofSeconds(30));

		this.clock.advance(Duration.ofSeconds(31));
		assertThat(this.guard.lockedFor("admin", "ip:10.0.0.2")).isEmpty();
		this.guard.failed("admin", "ip:10.0.0.1");
		assertThat(this.guard.lockedFor("admin", "ip:10.0.0.2")).contains(Duration.ofSeconds(60));
		for (int i = 0; i < 10; i++) {
			this.guard.failed("admin", "ip:10.0.0.1");
		}
		assertThat(this.guard.lockedFor("admin", "ip:10.0.0.2")).contains(Duration.ofMinutes(15));
	}

	@Test
	void aSuccessClearsTheNameAndFailuresAreForgottenAfterTheWindow() {
		for (int i = 0; i < 4; i++) {
			this.guard.failed("supervisor", "ip:10.0.0.1");
		}
		this.guard.succeeded("supervisor");
		this.guard.failed("supervisor", "ip:10.0.0.1");
		assertThat(this.guard.lockedFor("supervisor", "ip:10.0.0.3")).isEmpty();

		for (int i = 0; i < 3; i++) {
			this.guard.failed("leader", "ip:10.0.0.1");
		}
		this.clock.advance(Duration.ofMinutes(16));
		assertThat(this.guard.failed("leader", "ip:10.0.0.1")).isEqualTo(1);
	}

	@Test
	void oneAddressTryingManyNamesIsLockedAsAWhole() {
		for (int i = 0; i < 20; i++) {
			this.guard.failed("user-" + i, "ip:10.0.0.9");
		}
		assertThat(this.guard.lockedFor("someone-else", "ip:10.0.0.9")).contains(Duration.ofSeconds(30));
		assertThat(this.guard.lockedFor("someone-else", "ip:10.0.0.10")).isEmpty();
	}

	static final class MutableClock extends Clock {

		private Instant now;

		MutableClock(Instant now) {
			this.now = now;
		}

		void advance(Duration by) {
			this.now = this.now.plus(by);
		}

		@Override
		public Instant instant() {
			return this.now;
		}

		@Override
		public ZoneId getZone() {
			return ZoneId.of("UTC");
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

	}

}
