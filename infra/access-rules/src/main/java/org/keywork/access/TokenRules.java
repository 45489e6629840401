package org.keywork.access;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The one set of rules a Keywork token must meet, wherever it is checked (the gateway's resource server and every
 * service's own port), after its signature: {@code exp} present and not past, {@code nbf} and {@code iat} not in the
 * future (and {@code iat} present), {@code iss} the expected issuer, {@code sub} present, {@code aud} naming Keywork. A clock skew of
 * {@link #CLOCK_SKEW} is allowed either way. Times are real time, never the business clock (which a demo sets to
 * 2021).
 */
public final class TokenRules {

	/** How far the clocks of the signer and the checker may differ. */
	public static final Duration CLOCK_SKEW = Duration.ofSeconds(30);

	/** The audience of the tokens the gateway issues to its users (and the one it requires of them). */
	public static final String AUDIENCE = "keywork";

	/**
	 * The audience of the identities the gateway relays to the services, the only tokens a service accepts on its own
	 * port: a user's token (audience {@link #AUDIENCE}, valid for hours) is not one of them.
	 */
	public static final String SERVICE_AUDIENCE = "keywork-services";

	/** How long an identity the gateway relays to a service is valid. */
	public static final Duration RELAY_LIFETIME = Duration.ofSeconds(60);

	/** The longest validity a service accepts: a token valid for longer is not a relayed identity. */
	public static final Duration SERVICE_MAX_LIFETIME = Duration.ofMinutes(5);

	private TokenRules() {
	}

	/**
	 * The claims the rules look at.
	 * @param issuer {@code iss}
	 * @param subject {@code sub}
	 * @param audience {@code aud} (empty when absent)
	 * @param issuedAt {@code iat}, or null
	 * @param notBefore {@code nbf}, or null
	 * @param expiresAt {@code exp}, or null
	 */
	public record Claims(String issuer, String subject, List<String> audience, Instant issuedAt, Instant notBefore,
			Instant expiresAt) {

		public Claims {
			audience = audience == null ? List.of() : List.copyOf(audience);
		}

	}

	/**
	 * What is wrong with the claims (English, for logs and the 401's detail), empty when they pass.
	 * @param expectedIssuer the issuer required, or null for any
	 * @param expectedAudience the audience required, or null for any
	 */
	public static List<String> problems(Claims claims, String expectedIssuer, String expectedAudience, Instant now) {
		return problems(claims, expectedIssuer, expectedAudience, null, now);
	}

	/**
	 * What is wrong with the claims, as {@link #problems(Claims, String, String, Instant)}, and also a token that
	 * stays valid for longer than {@code maxLifetime} from now (null: any).
	 */
	public static List<String> problems(Claims claims, String expectedIssuer, String expectedAudience,
			Duration maxLifetime, Instant now) {
		List<String> problems = new ArrayList<>();
		if (claims.expiresAt() == null) {
			problems.add("no expiry (exp)");
		}
		else if (claims.expiresAt().plus(CLOCK_SKEW).isBefore(now)) {
			problems.add("expired at " + claims.expiresAt());
		}
		if (maxLifetime != null && claims.expiresAt() != null
				&& claims.expiresAt().isAfter(now.plus(maxLifetime).plus(CLOCK_SKEW))) {
			problems.add("valid until " + claims.expiresAt() + ", longer than " + maxLifetime
					+ " (not a relayed identity)");
		}
		if (claims.notBefore() != null && claims.notBefore().minus(CLOCK_SKEW).isAfter(now)) {
			problems.add("not valid before " + claims.notBefore() + " (nbf)");
		}
		if (claims.issuedAt() == null) {
			// Spring Security's decoders fill a missing iat in as exp minus one second, which then reads as "in the
			// future"; either way a token that does not say when it was issued is refused
			problems.add("no issue time (iat)");
		}
		else if (claims.issuedAt().minus(CLOCK_SKEW).isAfter(now)) {
			problems.add("issued in the future at " + claims.issuedAt() + " (iat)");
		}
		if (expectedIssuer != null && !expectedIssuer.equals(claims.issuer())) {
			problems.add("issuer " + claims.issuer() + " is not " + expectedIssuer);
		}
		if (claims.subject() == null || claims.subject().isBlank()) {
			problems.add("no subject (sub)");
		}
		if (expectedAudience != null && !claims.audience().contains(expectedAudience)) {
			problems.add("audience " + claims.audience() + " does not name " + expectedAudience);
		}
		return problems;
	}

}
