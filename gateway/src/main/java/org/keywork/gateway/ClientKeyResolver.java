package org.keywork.gateway;

import org.springframework.web.server.ServerWebExchange;

/**
 * Names the client a request is counted against by the rate limiter. Called on every request: keep it cheap and
 * synchronous. The default keys by remote address; an authenticating module can replace the bean with one that
 * keys by the verified bearer subject.
 */
@FunctionalInterface
public interface ClientKeyResolver {

	String resolve(ServerWebExchange exchange);

}
