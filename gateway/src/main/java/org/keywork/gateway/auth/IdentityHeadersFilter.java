package org.keywork.gateway.auth;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import reactor.core.publisher.Mono;

import org.keywork.access.Role;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/**
 * Runs after Spring Security, on every request: tells the services who is calling, from the verified token only.
 * <ul>
 * <li>Any {@code X-Keywork-*} header the client sent is removed first: identity headers come from the gateway or not
 * at all, so nobody can claim to be someone else by setting them.</li>
 * <li>The caller's token does not go on: the {@code Authorization} header the services get carries the same identity
 * signed by the gateway for them alone, valid for a minute ({@link TokenService#relay}); they accept nothing else,
 * so a user's own token, valid for hours, opens nothing on a service's port. The headers
 * below are a convenience for them (and their logs), derived from that token's claims:
 * {@code X-Keywork-User} ({@code sub}), {@code X-Keywork-Roles} (comma list, e.g. {@code LEADER}),
 * {@code X-Keywork-Department} and {@code X-Keywork-Position}. HTTP header values must be ASCII, and departments
 * and positions are Chinese, so every value is percent-encoded UTF-8 (as in a URL; {@code 区民政局} is
 * {@code %E5%8C%BA%E6%B0%91%E6%94%BF%E5%B1%80}); the local stack's ASCII usernames and role names come through
 * unchanged. Decode with {@code URLDecoder}/{@code UriUtils.decode}.</li>
 * <li>A leader or a department reading alerts ({@code GET /api/alerts}, {@code /api/alerts/stream}) sees only its
 * own: a leader's {@code recipient} is forced to his position, a department's {@code department} to its department
 * (its own {@code recipient} is dropped). Supervisors and admins filter as they like. An account without the
 * position or department its role needs gets 403 rather than everyone's alerts.</li>
 * <li>The stream's {@code access_token} query parameter leaves the URL (the relayed identity goes in the
 * {@code Authorization} header, as on every request).</li>
 * </ul>
 */
@Component
@Order(IdentityHeadersFilter.ORDER)
public class IdentityHeadersFilter implements WebFilter {

	/** After Spring Security's filter chain (order -100), which verifies the token. */
	public static final int ORDER = 0;

	public static final String PREFIX = "X-Keywork-";

	public static final String USER = PREFIX + "User";

	public static final String ROLES = PREFIX + "Roles";

	public static final String DEPARTMENT = PREFIX + "Department";

	public static final String POSITION = PREFIX + "Position";

	private static final Set<String> ALERT_LISTS = Set.of("/api/alerts", BearerTokens.STREAM_PATH);

	private final AuthProblems problems;

	private final TokenService tokens;

	IdentityHeadersFilter(AuthProblems problems, TokenService tokens) {
		this.problems = problems;
		this.tokens = tokens;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		return exchange.getPrincipal()
			.filter(JwtAuthenticationToken.class::isInstance)
			.cast(JwtAuthenticationToken.class)
			.map(Optional::of)
			.defaultIfEmpty(Optional.empty())
			.flatMap(caller -> {
				ServerHttpRequest request = exchange.getRequest();
				ServerHttpRequest.Builder forwarded = request.mutate().headers(IdentityHeadersFilter::stripIdentity);
				if (caller.isEmpty()) {
					return chain.filter(exchange.mutate().request(forwarded.build()).build());
				}
				Jwt jwt = caller.get().getToken();
				Set<Role> roles = SecurityConfiguration.roles(caller.get());
				String department = jwt.getClaimAsString("department");
				String position = jwt.getClaimAsString("position");
				String relayed = this.tokens.relay(jwt, roles);
				forwarded.headers(headers -> {
					headers.setBearerAuth(relayed);
					headers.set(USER, encode(jwt.getSubject()));
					headers.set(ROLES, roles.stream().map(Role::name).sorted().collect(Collectors.joining(",")));
					if (department != null && !department.isBlank()) {
						headers.set(DEPARTMENT, encode(department));
					}
					if (position != null && !position.isBlank()) {
						headers.set(POSITION, encode(position));
					}
				});
				String path = request.getPath().pathWithinApplication().value();
				UriComponentsBuilder uri = null;
				if (HttpMethod.GET.equals(request.getMethod()) && ALERT_LISTS.contains(path)
						&& !roles.contains(Role.SUPERVISOR) && !roles.contains(Role.ADMIN)) {
					uri = UriComponentsBuilder.fromUri(request.getURI());
					if (roles.contains(Role.LEADER)) {
						if (position == null || position.isBlank()) {
							return this.problems.forbidden(exchange, roles, "查看提醒：账号未关联职务");
						}
						uri.replaceQueryParam("recipient", UriUtils.encodeQueryParam(position, StandardCharsets.UTF_8))
							.replaceQueryParam("department");
					}
					else {
						if (department == null || department.isBlank()) {
							return this.problems.forbidden(exchange, roles, "查看提醒：账号未关联部门");
						}
						uri.replaceQueryParam("recipient")
							.replaceQueryParam("department",
									UriUtils.encodeQueryParam(department, StandardCharsets.UTF_8));
					}
				}
				if (BearerTokens.streamRequest(exchange) && request.getQueryParams().containsKey("access_token")) {
					uri = (uri != null) ? uri : UriComponentsBuilder.fromUri(request.getURI());
					uri.replaceQueryParam("access_token");
				}
				if (uri != null) {
					URI rewritten = uri.build(true).toUri();
					forwarded.uri(rewritten);
				}
				return chain.filter(exchange.mutate().request(forwarded.build()).build());
			});
	}

	private static void stripIdentity(HttpHeaders headers) {
		List<String> spoofed = new ArrayList<>();
		headers.forEach((name, values) -> {
			if (name.toLowerCase(Locale.ROOT).startsWith(PREFIX.toLowerCase(Locale.ROOT))) {
				spoofed.add(name);
			}
		});
		spoofed.forEach(headers::remove);
	}

	/** Percent-encoded UTF-8: header values must be ASCII. */
	static String encode(String value) {
		return UriUtils.encode(value, StandardCharsets.UTF_8);
	}

}
