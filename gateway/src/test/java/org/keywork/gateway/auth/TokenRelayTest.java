package org.keywork.gateway.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.keywork.access.Role;
import org.keywork.testing.TestTokens;

import org.springframework.security.oauth2.jwt.Jwt;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The identity the services get instead of the caller's token: signed for them alone, valid a minute (never longer
 * than the caller's own), signed once per caller and reused while half of it remains.
 */
class TokenRelayTest {

	private Instant now = Instant.parse("2026-12-03T08:00:00Z");

	private final TokenService tokens = new TokenService(new AuthProperties(TestTokens.LOCAL_SECRET,
			Duration.ofHours(8), "keywork-gateway", null, "roles", List.of(), true), new Clock() {
				@Override
				public Instant instant() {
					return TokenRelayTest.this.now;
				}

				@Override
				public ZoneOffset getZone() {
					return ZoneOffset.UTC;
				}

				@Override
				public Clock withZone(java.time.ZoneId zone) {
					return this;
				}
			});

	private Jwt caller(String value, String subject, Instant expires) {
		return Jwt.withTokenValue(value)
			.header("alg", "HS256")
			.subject(subject)
			.issuer("keywork-gateway")
			.issuedAt(this.now.minusSeconds(3600))
			.expiresAt(expires)
			.claim("department", "区民政局")
			.claim("name", "民政局填报员")
			.build();
	}

	@Test
	void aCallerIsRelayedAsAShortLivedIdentityForTheServicesReusedWhileHalfOfItRemains() throws Exception {
		Jwt caller = caller("token-a", "dept-minzheng", this.now.plus(Duration.ofHours(7)));
		String first = this.tokens.relay(caller, EnumSet.of(Role.DEPARTMENT));

		JWTClaimsSet claims = SignedJWT.parse(first).getJWTClaimsSet();
		assertThat(claims.getSubject()).isEqualTo("dept-minzheng");
		assertThat(claims.getAudience()).containsExactly("keywork-services");
		assertThat(claims.getIssueTime().toInstant()).isEqualTo(this.now);
		assertThat(claims.getExpirationTime().toInstant()).isEqualTo(this.now.plusSeconds(60));
		assertThat(claims.getStringListClaim("roles")).containsExactly("DEPARTMENT");
		assertThat(claims.getStringClaim("department")).isEqualTo("区民政局");
		assertThat(claims.getStringClaim("name")).isEqualTo("民政局填报员");
		assertThat(claims.getClaim("externalIssuer")).isNull();

		this.now = this.now.plusSeconds(29);
		assertThat(this.tokens.relay(caller, EnumSet.of(Role.DEPARTMENT))).isEqualTo(first);
		assertThat(this.tokens.relay(caller("token-b", "dept-fagaiwei", this.now.plus(Duration.ofHours(7))),
				EnumSet.of(Role.DEPARTMENT)))
			.isNotEqualTo(first);
		this.now = this.now.plusSeconds(1);
		String renewed = this.tokens.relay(caller, EnumSet.of(Role.DEPARTMENT));
		assertThat(renewed).isNotEqualTo(first);
		assertThat(SignedJWT.parse(renewed).getJWTClaimsSet().getExpirationTime().toInstant())
			.isEqualTo(this.now.plusSeconds(60));
	}

	@Test
	void aRelayedIdentityEndsNoLaterThanTheCallersOwnToken() throws Exception {
		Jwt nearlyExpired = caller("token-c", "leader-minzheng", this.now.plusSeconds(10));
		String relayed = this.tokens.relay(nearlyExpired, EnumSet.of(Role.LEADER));
		assertThat(SignedJWT.parse(relayed).getJWTClaimsSet().getExpirationTime().toInstant())
			.isEqualTo(this.now.plusSeconds(10));
	}

}
