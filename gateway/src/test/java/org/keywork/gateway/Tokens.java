package org.keywork.gateway;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * Signs test tokens the way the gateway does (HS256, issuer {@code keywork-gateway}), with the local default
 * secret of application.yml, or another one to play a forger.
 */
public final class Tokens {

	/** The dev default of {@code keywork.auth.secret} in application.yml. */
	public static final String DEV_SECRET = "keywork-local-dev-secret-change-me-0123456789";

	private Tokens() {
	}

	/** A valid admin token for tests that are about something else than access. */
	public static String admin() {
		return sign(DEV_SECRET, "admin", Map.of("name", "系统管理员", "roles", List.of("ADMIN")), Instant.now(),
				Duration.ofHours(1));
	}

	public static String sign(String secret, String subject, Map<String, Object> claims, Instant issuedAt,
			Duration ttl) {
		JWTClaimsSet.Builder set = new JWTClaimsSet.Builder().issuer("keywork-gateway")
			.subject(subject)
			.jwtID(UUID.randomUUID().toString())
			.issueTime(Date.from(issuedAt))
			.expirationTime(Date.from(issuedAt.plus(ttl)));
		claims.forEach(set::claim);
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build(),
				set.build());
		try {
			jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
		return jwt.serialize();
	}

}
