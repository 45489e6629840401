package org.keywork.gateway.auth;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpMethod;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.web.server.authentication.ServerBearerTokenAuthenticationConverter;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.web.server.ServerWebExchange;

/**
 * Finds the bearer token of a request: the {@code Authorization} header, and for {@code GET /api/alerts/stream}
 * only also the {@code access_token} query parameter (RFC 6750 §2.3), because a browser's {@code EventSource}
 * cannot send headers. Everywhere else a token in the URL is ignored: URLs end up in logs and histories.
 */
class BearerTokens implements ServerAuthenticationConverter {

	static final String STREAM_PATH = "/api/alerts/stream";

	private final ServerBearerTokenAuthenticationConverter headerOnly = new ServerBearerTokenAuthenticationConverter();

	private final ServerBearerTokenAuthenticationConverter headerOrQuery = new ServerBearerTokenAuthenticationConverter();

	BearerTokens() {
		this.headerOrQuery.setAllowUriQueryParameter(true);
	}

	@Override
	public Mono<Authentication> convert(ServerWebExchange exchange) {
		return streamRequest(exchange) ? this.headerOrQuery.convert(exchange) : this.headerOnly.convert(exchange);
	}

	static boolean streamRequest(ServerWebExchange exchange) {
		return HttpMethod.GET.equals(exchange.getRequest().getMethod())
				&& STREAM_PATH.equals(exchange.getRequest().getPath().pathWithinApplication().value());
	}

}
