package org.keywork.access;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * {@link TokenRules} as Spring Security's check of a token's claims after its signature, used by the gateway's
 * resource server and by every service's (exp present and not past, nbf and iat not in the future, the issuer, a
 * subject, the audience, and on a service's port a short validity). Spring's default validators alone let a token
 * without {@code exp} or {@code sub} through.
 */
public final class TokenRulesValidator implements OAuth2TokenValidator<Jwt> {

	private final String issuer;

	private final String audience;

	private final Duration maxLifetime;

	private final Clock clock;

	/**
	 * @param issuer the issuer required
	 * @param audience the audience required, or null (an external issuer's tokens name its own clients)
	 * @param maxLifetime the longest validity from now accepted, or null for any
	 * @param clock real time (never the business clock)
	 */
	public TokenRulesValidator(String issuer, String audience, Duration maxLifetime, Clock clock) {
		this.issuer = issuer;
		this.audience = audience;
		this.maxLifetime = maxLifetime;
		this.clock = clock;
	}

	@Override
	public OAuth2TokenValidatorResult validate(Jwt jwt) {
		String issuedBy = jwt.getClaimAsString("iss");
		List<String> problems = TokenRules.problems(new TokenRules.Claims(issuedBy, jwt.getSubject(),
				jwt.getAudience(), jwt.getIssuedAt(), jwt.getNotBefore(), jwt.getExpiresAt()), this.issuer,
				this.audience, this.maxLifetime, this.clock.instant());
		if (problems.isEmpty()) {
			return OAuth2TokenValidatorResult.success();
		}
		return OAuth2TokenValidatorResult.failure(problems.stream()
			.map(problem -> new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, problem, null))
			.toList());
	}

}
