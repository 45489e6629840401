package org.keywork.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

class TokenRulesTest {

	private static final Instant NOW = Instant.parse("2026-12-03T08:00:00Z");

	private static TokenRules.Claims claims(String subject, List<String> audience, Instant iat, Instant nbf,
			Instant exp) {
		return new TokenRules.Claims("keywork-gateway", subject, audience, iat, nbf, exp);
	}

	private static List<String> problems(TokenRules.Claims claims) {
		return TokenRules.problems(claims, "keywork-gateway", TokenRules.AUDIENCE, NOW);
	}

	@Test
	void aTokenTheGatewaySignsPasses() {
		assertThat(problems(claims("admin", List.of("keywork"), NOW, NOW, NOW.plus(Duration.ofHours(8))))).isEmpty();
		// within the clock skew either way
		assertThat(problems(claims("admin", List.of("keywork"), NOW.plusSeconds(29), NOW.plusSeconds(29),
				NOW.minusSeconds(29)))).isEmpty();
	}

	@Test
	void eachMissingOrWrongClaimIsNamed() {
		Instant exp = NOW.plus(Duration.ofHours(1));
		assertThat(problems(claims("admin", List.of("keywork"), NOW, null, null))).containsExactly("no expiry (exp)");
		assertThat(problems(claims("admin", List.of("keywork"), NOW, null, NOW.minusSeconds(31))))
			.singleElement().asString().startsWith("expired at");
		assertThat(problems(claims("admin", List.of("keywork"), NOW, NOW.plusSeconds(60), exp)))
			.singleElement().asString().contains("(nbf)");
		assertThat(problems(claims("admin", List.of("keywork"), NOW.plus(Duration.ofDays(1)), null, exp)))
			.singleElement().asString().contains("(iat)");
		assertThat(problems(claims(" ", List.of("keywork"), NOW, null, exp))).containsExactly("no subject (sub)");
		assertThat(problems(claims(null, List.of("keywork"), NOW, null, exp))).containsExactly("no subject (sub)");
		assertThat(problems(claims("admin", List.of(), NOW, null, exp)))
			.containsExactly("audience [] does not name keywork");
		assertThat(problems(claims("admin", List.of("other-app"), NOW, null, exp))).hasSize(1);
		assertThat(TokenRules.problems(new TokenRules.Claims("evil", "admin", List.of("keywork"), NOW, null, exp),
				"keywork-gateway", "keywork", NOW))
			.containsExactly("issuer evil is not keywork-gateway");
		assertThat(problems(claims("admin", List.of("keywork"), null, null, exp))).containsExactly("no issue time (iat)");
		assertThat(problems(new TokenRules.Claims(null, null, null, null, null, null))).hasSize(5);
	}

	@Test
	void aServiceTakesOnlyShortLivedRelayedIdentities() {
		Instant relayed = NOW.plus(TokenRules.RELAY_LIFETIME);
		assertThat(TokenRules.problems(new TokenRules.Claims("keywork-gateway", "admin",
				List.of(TokenRules.SERVICE_AUDIENCE), NOW, null, relayed), "keywork-gateway",
				TokenRules.SERVICE_AUDIENCE, TokenRules.SERVICE_MAX_LIFETIME, NOW)).isEmpty();
		// a user's own token: the gateway's audience, valid for hours
		assertThat(TokenRules.problems(new TokenRules.Claims("keywork-gateway", "admin", List.of(TokenRules.AUDIENCE),
				NOW, null, NOW.plus(Duration.ofHours(8))), "keywork-gateway", TokenRules.SERVICE_AUDIENCE,
				TokenRules.SERVICE_MAX_LIFETIME, NOW))
			.containsExactly("valid until 2026-12-03T16:00:00Z, longer than PT5M (not a relayed identity)",
					"audience [keywork] does not name keywork-services");
	}

}
