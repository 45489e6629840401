package org.keywork.gateway.auth;

import java.util.Set;

import reactor.core.publisher.Mono;

import org.keywork.access.AccessRules;
import org.keywork.access.Role;
import org.keywork.gateway.Problem;
import org.keywork.gateway.ProblemWriter;

import org.springframework.http.HttpHeaders;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.web.server.ServerWebExchange;

/**
 * The gateway's answers when security says no, as problem+json:
 * <ul>
 * <li>401 {@code unauthorized} with {@code WWW-Authenticate: Bearer} (RFC 6750; {@code error="invalid_token"} when a
 * token was sent but is expired, forged or malformed);</li>
 * <li>403 {@code forbidden} naming the caller's roles and what they may not do;</li>
 * <li>404 for a path no access rule covers (deny by default: nothing is there for the caller).</li>
 * </ul>
 */
class AuthProblems implements ServerAuthenticationEntryPoint, ServerAccessDeniedHandler {

	private final ProblemWriter problems;

	AuthProblems(ProblemWriter problems) {
		this.problems = problems;
	}

	@Override
	public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException ex) {
		String instance = ProblemWriter.originalPath(exchange);
		boolean badToken = ex instanceof OAuth2AuthenticationException || ex instanceof InvalidBearerTokenException;
		Problem problem = badToken
				? Problem.of("unauthorized", "未登录或登录已过期", 401, "访问令牌无效或已过期，请重新登录。", instance)
				: Problem.of("unauthorized", "未登录或登录已过期", 401, "请先登录：该接口需要有效的访问令牌（Authorization: Bearer）。",
						instance);
		String challenge = badToken ? "Bearer error=\"invalid_token\"" : "Bearer";
		return this.problems.write(exchange, problem, headers -> headers.set(HttpHeaders.WWW_AUTHENTICATE, challenge));
	}

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, AccessDeniedException denied) {
		return exchange.getPrincipal().map(principal -> {
			Set<Role> roles = (principal instanceof Authentication authentication)
					? SecurityConfiguration.roles(authentication) : Set.of();
			return (roles != null) ? roles : Set.<Role>of();
		}).defaultIfEmpty(Set.of()).flatMap(roles -> {
			var request = exchange.getRequest();
			String path = request.getPath().pathWithinApplication().value();
			if (AccessRules.decide(request.getMethod(), path, roles) == AccessRules.Decision.NO_SUCH_PATH) {
				return this.problems.write(exchange, Problem.notFound(ProblemWriter.originalPath(exchange)));
			}
			return forbidden(exchange, roles, AccessRules.action(request.getMethod(), path));
		});
	}

	/** 403 naming the caller's roles and what they may not do. */
	Mono<Void> forbidden(ServerWebExchange exchange, Set<Role> roles, String what) {
		return this.problems.write(exchange, Problem.of("forbidden", "无权访问", 403, AccessRules.refusal(roles, what),
				ProblemWriter.originalPath(exchange)));
	}

}
