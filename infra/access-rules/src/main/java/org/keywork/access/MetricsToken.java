package org.keywork.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * The dedicated credential Prometheus scrapes with ({@code keywork.metrics.token}, env {@code KEYWORK_METRICS_TOKEN}),
 * the same for the gateway and every service. Optional: unset (or blank), nothing changes. Set, it must be at least
 * {@value #MIN_BYTES} bytes, and {@code Authorization: Bearer <token>} then opens {@code GET}/{@code HEAD} of
 * {@value #PATH} and nothing else. It is no identity: no user, no role; on any other request it is refused as any
 * invalid token. The comparison takes the same time however much of the presented token is right.
 */
public final class MetricsToken {

	/** The property that sets it. */
	public static final String PROPERTY = "keywork.metrics.token";

	/** The one path it opens. */
	public static final String PATH = "/actuator/prometheus";

	/** As for the signing secret: a token shorter than this is refused at start-up. */
	public static final int MIN_BYTES = 32;

	private static final String BEARER = "Bearer ";

	private final byte[] token;

	private MetricsToken(byte[] token) {
		this.token = token;
	}

	/**
	 * The configured token.
	 * @param configured the property's value (surrounding white space ignored)
	 * @return empty when not set (null or blank)
	 * @throws IllegalStateException naming {@code KEYWORK_METRICS_TOKEN} when set shorter than {@value #MIN_BYTES}
	 * bytes
	 */
	public static Optional<MetricsToken> of(String configured) {
		if (configured == null || configured.isBlank()) {
			return Optional.empty();
		}
		byte[] bytes = configured.strip().getBytes(StandardCharsets.UTF_8);
		if (bytes.length < MIN_BYTES) {
			throw new IllegalStateException(PROPERTY + " (KEYWORK_METRICS_TOKEN) must be at least " + MIN_BYTES
					+ " bytes, e.g. $(openssl rand -base64 48); it is " + bytes.length + " bytes. Leave it unset to "
					+ "keep /actuator/prometheus an admin's only.");
		}
		return Optional.of(new MetricsToken(bytes));
	}

	/** Whether a request is a scrape: {@code GET} or {@code HEAD} of {@value #PATH} exactly. */
	public static boolean isScrape(String method, String path) {
		return ("GET".equals(method) || "HEAD".equals(method)) && PATH.equals(path);
	}

	/**
	 * Whether a request may scrape with this token.
	 * @param method the HTTP method
	 * @param path the path within the application (no query)
	 * @param authorization the {@code Authorization} header, or null
	 */
	public boolean admits(String method, String path, String authorization) {
		return isScrape(method, path) && presentedIn(authorization);
	}

	/** Whether the {@code Authorization} header is {@code Bearer <this token>}, compared in constant time. */
	boolean presentedIn(String authorization) {
		if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
			return false;
		}
		byte[] presented = authorization.substring(BEARER.length()).getBytes(StandardCharsets.UTF_8);
		// the configured token first: the time taken depends on its length only
		return MessageDigest.isEqual(this.token, presented);
	}

	@Override
	public String toString() {
		return "MetricsToken[" + this.token.length + " bytes]";
	}

}
