package org.keywork.gateway;

import java.util.UUID;
import java.util.regex.Pattern;

import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Runs first. Keeps the client's {@code X-Request-Id} (when it is a sane token) or makes a UUID, passes it to the
 * downstream service and returns it on every response, including the gateway's own problem responses. Also
 * remembers the original path, which fallbacks report as {@code instance}.
 */
@Component
@Order(RequestIdFilter.ORDER)
public class RequestIdFilter implements WebFilter {

	public static final int ORDER = Ordered.HIGHEST_PRECEDENCE;

	public static final String HEADER = "X-Request-Id";

	public static final String REQUEST_ID_ATTR = RequestIdFilter.class.getName() + ".requestId";

	public static final String ORIGINAL_PATH_ATTR = RequestIdFilter.class.getName() + ".originalPath";

	// Echoed into headers and logs downstream: accept only short, header- and log-safe tokens.
	private static final Pattern ACCEPTABLE = Pattern.compile("[A-Za-z0-9._:\\-]{1,128}");

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		String given = request.getHeaders().getFirst(HEADER);
		boolean keep = given != null && ACCEPTABLE.matcher(given).matches();
		String requestId = keep ? given : UUID.randomUUID().toString();

		exchange.getAttributes().put(REQUEST_ID_ATTR, requestId);
		exchange.getAttributes().put(ORIGINAL_PATH_ATTR, request.getPath().value());

		ServerHttpResponse response = exchange.getResponse();
		// Set at commit time so that a downstream's own header (copied in by the gateway) cannot duplicate it.
		response.beforeCommit(() -> {
			response.getHeaders().set(HEADER, requestId);
			return Mono.empty();
		});

		if (keep && request.getHeaders().get(HEADER).size() == 1) {
			return chain.filter(exchange);
		}
		ServerHttpRequest withId = request.mutate().headers(headers -> headers.set(HEADER, requestId)).build();
		return chain.filter(exchange.mutate().request(withId).build());
	}

}
