package org.keywork.gateway.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Slows password guessing at {@code POST /api/auth/token}: failures are counted per user name (whether or not the
 * user exists, so the answer tells nothing about who exists) and per client address. From the
 * {@code userFailures}-th failure of a name, or the {@code addressFailures}-th from an address, within
 * {@code window}, further sign-ins are refused for a lock that doubles with every further failure, from
 * {@code firstLock} up to {@code longestLock}; a refusal is 429 with {@code Retry-After}, the right password
 * included. A successful sign-in clears its name's count; counts are forgotten after {@code window} without
 * failures. Bounded memory: at most {@value #MAX_TRACKED} names and addresses are tracked.
 */
public class SignInGuard {

	static final int MAX_TRACKED = 100_000;

	private final SignInProperties properties;

	private final Clock clock;

	private final Cache<String, Failures> failures;

	public SignInGuard(SignInProperties properties, Clock clock) {
		this.properties = properties;
		this.clock = clock;
		this.failures = Caffeine.newBuilder()
			.maximumSize(MAX_TRACKED)
			.expireAfterWrite(properties.window().plus(properties.longestLock()))
			.build();
	}

	/** How long the caller must wait before trying {@code username} again from {@code address}; empty: go ahead. */
	public Optional<Duration> lockedFor(String username, String address) {
		Instant now = this.clock.instant();
		Duration wait = Duration.ZERO;
		for (String key : new String[] { userKey(username), addressKey(address) }) {
			Failures f = this.failures.getIfPresent(key);
			if (f != null && f.lockedUntil().isAfter(now)) {
				Duration left = Duration.between(now, f.lockedUntil());
				wait = (left.compareTo(wait) > 0) ? left : wait;
			}
		}
		return wait.isZero() ? Optional.empty() : Optional.of(wait);
	}

	/** Records a failed sign-in; returns how many failures the name has now. */
	public int failed(String username, String address) {
		Instant now = this.clock.instant();
		count(addressKey(address), this.properties.addressFailures(), now);
		return count(userKey(username), this.properties.userFailures(), now);
	}

	/** A successful sign-in: its name starts afresh (the address keeps its count). */
	public void succeeded(String username) {
		this.failures.invalidate(userKey(username));
	}

	private int count(String key, int threshold, Instant now) {
		Failures updated = this.failures.asMap().compute(key, (k, before) -> {
			int n = (before == null || before.last().plus(this.properties.window()).isBefore(now)) ? 1
					: before.count() + 1;
			Instant lockedUntil = (n >= threshold) ? now.plus(lock(n - threshold)) : Instant.MIN;
			return new Failures(n, now, lockedUntil);
		});
		return updated.count();
	}

	/** The lock after the {@code beyond}-th failure past the threshold: doubling, capped. */
	private Duration lock(int beyond) {
		Duration lock = this.properties.firstLock().multipliedBy(1L << Math.min(beyond, 20));
		return (lock.compareTo(this.properties.longestLock()) > 0) ? this.properties.longestLock() : lock;
	}

	private static String userKey(String username) {
		return "user:" + ((username != null) ? username.strip().toLowerCase(Locale.ROOT) : "");
	}

	private static String addressKey(String address) {
		return "address:" + address;
	}

	private record Failures(int count, Instant last, Instant lockedUntil) {
	}

}
