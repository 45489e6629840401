package org.keywork.gateway.auth;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How {@link SignInGuard} slows password guessing.
 *
 * @param userFailures failures of one user name after which it is locked
 * @param addressFailures failures from one client address after which it is locked
 * @param window how long a failure counts
 * @param firstLock the first lock, doubled with every further failure
 * @param longestLock the longest lock
 */
@ConfigurationProperties("keywork.auth.sign-in")
public record SignInProperties(@DefaultValue("5") int userFailures, @DefaultValue("20") int addressFailures,
		@DefaultValue("PT15M") Duration window, @DefaultValue("PT30S") Duration firstLock,
		@DefaultValue("PT15M") Duration longestLock) {

}
