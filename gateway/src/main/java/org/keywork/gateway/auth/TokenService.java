package org.keywork.gateway.auth;

import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
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

	/** How many callers' relayed identities are kept for reuse; beyond that the lot is dropped and signed again. */
	static final int RELAYS_KEPT = 10_000;

	private final Map<String, Relayed> relayed = new ConcurrentHashMap<>();

	TokenService(AuthProperties properties, Clock clock) {
		this.properties = properties;
		this.users = properties.users()
			.stream()
			.collect(Collectors.toUnmodifiableMap(AuthProperties.User::username, Function.identity()));
		this.clock = clock;
		// also with an external issuer: the gateway signs the identities it relays to the services
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
	 * The identity the services get for a verified caller, instead of his own token: the services accept only these
	 * (audience {@link TokenRules#SERVICE_AUDIENCE}, valid {@link TokenRules#RELAY_LIFETIME}, never longer than the
	 * caller's own token), so a user's token, valid for hours, opens nothing on a service's port, and a token seen
	 * inside is soon worthless. The claims are the verified identity: subject, name, the roles as the gateway read
	 * them, department, position, person; with an external issuer also which one. One caller's identity is signed
	 * once and reused while at least half of its validity remains (at most {@link #RELAYS_KEPT} are kept).
	 */
	String relay(Jwt caller, Set<Role> roles) {
		Instant now = this.clock.instant();
		Relayed kept = this.relayed.get(caller.getTokenValue());
		if (kept != null && now.isBefore(kept.renewAt())) {
			return kept.token();
		}
		Instant expires = now.plus(TokenRules.RELAY_LIFETIME);
		if (caller.getExpiresAt() != null && caller.getExpiresAt().isBefore(expires)) {
			expires = caller.getExpiresAt();
		}
		JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(this.properties.issuer())
			.subject(caller.getSubject())
			.audience(TokenRules.SERVICE_AUDIENCE)
			.issueTime(Date.from(now))
			.expirationTime(Date.from(expires))
			.claim("roles", roles.stream().map(Role::name).sorted().toList());
		if (this.properties.external()) {
			claims.claim("externalIssuer", String.valueOf(caller.getIssuer()));
		}
		for (String claim : List.of("name", "department", "position", "personId")) {
			String value = caller.getClaimAsString(claim);
			if (value != null) {
				claims.claim(claim, value);
			}
		}
		String token = sign(claims.build());
		if (this.relayed.size() >= RELAYS_KEPT) {
			this.relayed.clear();
		}
		this.relayed.put(caller.getTokenValue(), new Relayed(token, now.plus(TokenRules.RELAY_LIFETIME.dividedBy(2))));
		return token;
	}

	/** A relayed identity and when to sign a new one. */
	private record Relayed(String token, Instant renewAt) {
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
