package org.keywork.access;

/**
 * The HS256 secret the gateway signs tokens with and the services verify them with. Its local default is public (it
 * is in this repository), so anyone could sign himself an admin token with it: outside a local stack or a test, the
 * gateway and every service refuse to start on it.
 */
public final class SigningSecret {

	/** The public local default of {@code KEYWORK_AUTH_SECRET}. */
	public static final String PUBLIC_DEFAULT = "keywork-local-dev-secret-change-me-0123456789";

	/** The switch a local stack or a test sets to use {@link #PUBLIC_DEFAULT}. */
	public static final String ALLOW_PUBLIC_PROPERTY = "keywork.auth.allow-public-secret";

	private SigningSecret() {
	}

	/**
	 * Refuses the public default unless it is allowed.
	 * @param secret the configured secret
	 * @param allowPublic whether this is a local stack or a test
	 * @throws IllegalStateException naming {@code KEYWORK_AUTH_SECRET} when the public default is used unallowed
	 */
	public static void check(String secret, boolean allowPublic) {
		if (PUBLIC_DEFAULT.equals(secret) && !allowPublic) {
			throw new IllegalStateException("keywork.auth.secret is the public local default, with which anyone can "
					+ "sign himself an admin token: set KEYWORK_AUTH_SECRET to a secret of your own (at least 32 "
					+ "bytes, the same for the gateway and every service). Only a local stack or a test may use the "
					+ "public one (KEYWORK_AUTH_ALLOW_PUBLIC_SECRET=true).");
		}
	}

}
