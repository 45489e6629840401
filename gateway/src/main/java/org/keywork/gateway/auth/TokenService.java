package org.keywork.gateway.auth;

import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import org.keywork.access.Role;
import org.keywork.access.TokenRules;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Checks a local user's password and signs his token (HS256, issuer {@code keywork-gateway}). The claims are the
 * whole identity the gateway and the services use: {@code sub} (username), {@code name}, {@code roles},
 * {@code department}, {@code position}, {@code personId}. Passwords are only ever compared with BCrypt hashes.
 */
class TokenService {

	private final AuthProperties properties;

	private final Map<String, AuthProperties.User> users;

	private final PasswordEncoder passwords = new BCryptPasswordEncoder();

	/** Compared against when the user is unknown, so that both failures cost one BCrypt check (no enumeration). */
	private final String unknownUserHash = this.passwords.encode(UUID.randomUUID().toString());

	private final MACSigner signer;

	private final Clock clock;

	TokenService(AuthProperties properties, Clock clock) {
		this.properties = properties;
		this.users = properties.users()
			.stream()
			.collect(Collectors.toUnmodifiableMap(AuthProperties.User::username, Function.identity()));
		this.clock = clock;
		// also with an external issuer: the services verify only the gateway's signature (see relay)
		this.signer = signer(properties);
	}

	private static MACSigner signer(AuthProperties properties) {
		try {
			return new MACSigner(properties.secretBytes());
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("keywork.auth.secret cannot sign HS256 tokens", ex);
		}
	}

	/** The user when the password is his; empty for a wrong user or password alike. */
	Optional<AuthProperties.User> authenticate(String username, String password) {
		AuthProperties.User user = this.users.get(username);
		String hash = (user != null && user.password() != null) ? user.password() : this.unknownUserHash;
		// BCrypt reads at most 72 bytes (and refuses more): a longer password is simply wrong, at the same cost.
		boolean tooLong = password.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 72;
		boolean matches = this.passwords.matches(tooLong ? "" : password, hash) && !tooLong;
		return (matches && user != null) ? Optional.of(user) : Optional.empty();
	}

	/**
	 * The token the services get for a caller an external OIDC issuer signed in: the services trust only the
	 * gateway's signature, so the verified identity (subject, name, roles as the gateway read them, department,
	 * position, person) is signed again with the shared secret, valid no longer than the caller's own token and at
	 * most five minutes.
	 */
	String relay(Jwt external, Set<Role> roles) {
		Instant now = this.clock.instant();
		Instant expires = now.plus(java.time.Duration.ofMinutes(5));
		if (external.getExpiresAt() != null && external.getExpiresAt().isBefore(expires)) {
			expires = external.getExpiresAt();
		}
		JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(this.properties.issuer())
			.subject(external.getSubject())
			.audience(TokenRules.AUDIENCE)
			.issueTime(Date.from(now))
			.expirationTime(Date.from(expires))
			.claim("roles", roles.stream().map(Role::name).sorted().toList())
			.claim("externalIssuer", String.valueOf(external.getIssuer()));
		for (String claim : List.of("name", "department", "position", "personId")) {
			String value = external.getClaimAsString(claim);
			if (value != null) {
				claims.claim(claim, value);
			}
		}
		return sign(claims.build());
	}

	private String sign(JWTClaimsSet claims) {
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build(),
				claims);
		try {
			jwt.sign(this.signer);
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("cannot sign a token", ex);
		}
		return jwt.serialize();
	}

	IssuedToken issue(AuthProperties.User user) {
		if (this.properties.external()) {
			throw new IllegalStateException("an external issuer signs the tokens: the gateway issues none");
		}
		Instant now = this.clock.instant();
		Instant expires = now.plus(this.properties.tokenTtl());
		JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(this.properties.issuer())
			.subject(user.username())
			.jwtID(UUID.randomUUID().toString())
			.audience(TokenRules.AUDIENCE)
			.issueTime(Date.from(now))
			.notBeforeTime(Date.from(now))
			.expirationTime(Date.from(expires))
			.claim("name", user.name())
			.claim("roles", user.roles().stream().map(Role::name).toList());
		if (user.department() != null) {
			claims.claim("department", user.department());
		}
		if (user.position() != null) {
			claims.claim("position", user.position());
		}
		if (user.personId() != null) {
			claims.claim("personId", user.personId());
		}
		String token = sign(claims.build());
		return new IssuedToken(token, this.properties.tokenTtl().toSeconds());
	}

	/** The token endpoint's answer; {@code expiresIn} in seconds. */
	record IssuedToken(String accessToken, String tokenType, long expiresIn) {

		IssuedToken(String accessToken, long expiresIn) {
			this(accessToken, "Bearer", expiresIn);
		}

	}

}
