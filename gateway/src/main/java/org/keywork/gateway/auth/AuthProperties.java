package org.keywork.gateway.auth;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.keywork.access.Role;
import org.keywork.access.SigningSecret;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Authentication settings under {@code keywork.auth}; application.yml maps each one to an environment variable.
 * Two modes:
 * <ul>
 * <li>local (the default, {@code issuerUri} empty): the gateway signs its own HS256 tokens with {@code secret} at
 * {@code POST /api/auth/token} for the {@code users} listed here. The services verify the same tokens with the
 * same secret.</li>
 * <li>external ({@code issuerUri} set): tokens come from that OIDC issuer and are checked against its JWKS; the
 * local token endpoint answers 404 and {@code users} is not used.</li>
 * </ul>
 *
 * @param secret the HS256 signing key (at least 32 bytes of UTF-8); in production set KEYWORK_AUTH_SECRET
 * @param tokenTtl how long an issued token is valid
 * @param issuer the {@code iss} of the tokens the gateway issues, and the one it accepts in local mode
 * @param issuerUri an external OIDC issuer; when set, the only source of valid tokens
 * @param rolesClaim the claim holding the role names (dots walk into nested objects, e.g.
 * {@code realm_access.roles})
 * @param users the local accounts (local mode only)
 * @param allowPublicSecret whether the public local default secret may be used (a local stack or a test only;
 * otherwise the gateway refuses to start on it, see {@link SigningSecret})
 */
@ConfigurationProperties("keywork.auth")
public record AuthProperties(String secret, @DefaultValue("PT8H") Duration tokenTtl,
		@DefaultValue("keywork-gateway") String issuer, String issuerUri, @DefaultValue("roles") String rolesClaim,
		List<User> users, @DefaultValue("false") boolean allowPublicSecret) {

	/** HS256 needs a key of at least 256 bits. */
	static final int MIN_SECRET_BYTES = 32;

	public AuthProperties {
		users = (users != null) ? List.copyOf(users) : List.of();
	}

	/** True when an external OIDC issuer signs the tokens (and the local token endpoint is off). */
	public boolean external() {
		return this.issuerUri != null && !this.issuerUri.isBlank();
	}

	byte[] secretBytes() {
		SigningSecret.check(this.secret, this.allowPublicSecret);
		byte[] bytes = (this.secret != null) ? this.secret.getBytes(StandardCharsets.UTF_8) : new byte[0];
		if (bytes.length < MIN_SECRET_BYTES) {
			throw new IllegalStateException(
					"keywork.auth.secret (KEYWORK_AUTH_SECRET) must be at least " + MIN_SECRET_BYTES + " bytes");
		}
		return bytes;
	}

	/**
	 * A local account.
	 *
	 * @param username the login name (ASCII), the token's {@code sub}
	 * @param password the BCrypt hash of the password (never the password itself)
	 * @param name the display name (Chinese)
	 * @param roles the roles
	 * @param department the department a DEPARTMENT user reports for, e.g. 区民政局
	 * @param position the position a LEADER holds, e.g. 副区长（分管民政）
	 * @param personId the person's id in notification-service's directory
	 */
	public record User(String username, String password, String name, List<Role> roles, String department,
			String position, String personId) {

		public User {
			roles = (roles != null) ? List.copyOf(roles) : List.of();
		}

	}

}
