package org.keywork.gateway.balancing;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.util.List;
import java.util.Set;

import io.netty.channel.ConnectTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.netty.channel.AbortedException;
import reactor.netty.http.client.PrematureCloseException;
import reactor.util.retry.Retry;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.Response;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.cloud.gateway.support.HasRouteId;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * {@code Failover}: a request that an instance refused, or that an instance dropped half way (it crashed or was
 * killed), goes to another instance of the same service, and that instance is left out for a while
 * ({@link ServiceInstances}). Only what is safe to send twice is sent twice:
 * <ul>
 * <li>a request that never reached an instance (connection refused, no route, connect time-out): any method;</li>
 * <li>a request dropped after it was sent: GET, HEAD, OPTIONS, PUT and DELETE, and a POST to a path whose requests
 * carry their own identity ({@link BalancingProperties#idempotentPosts()}, e.g. a report's {@code reportId}).</li>
 * </ul>
 * Time-outs and the answers an instance gives (500, a 503 with Retry-After from a busy one) are never retried: that
 * would multiply the load on a service that is already struggling. Listed after the route's {@code CircuitBreaker},
 * so the breaker sees the outcome after failover, and a service with one healthy instance left never trips it.
 */
public class FailoverGatewayFilterFactory extends AbstractGatewayFilterFactory<FailoverGatewayFilterFactory.Config> {

	private static final Set<HttpMethod> IDEMPOTENT = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS,
			HttpMethod.PUT, HttpMethod.DELETE);

	private static final Logger log = LoggerFactory.getLogger(FailoverGatewayFilterFactory.class);

	private final ServiceInstances instances;

	private final int attempts;

	private final List<PathPattern> idempotentPosts;

	public FailoverGatewayFilterFactory(ServiceInstances instances, BalancingProperties properties) {
		super(Config.class);
		this.instances = instances;
		this.attempts = properties.attempts();
		this.idempotentPosts = properties.idempotentPosts().stream().map(PathPatternParser.defaultInstance::parse)
			.toList();
	}

	@Override
	public String name() {
		return "Failover";
	}

	@Override
	public GatewayFilter apply(Config config) {
		// a request sent again needs its body again: the gateway keeps the body of this route's requests
		enableBodyCaching(config.getRouteId());
		return (exchange, chain) -> Mono.defer(() -> chain.filter(exchange))
			.doOnError(error -> {
				// not when the answer was already on its way: then it is the caller's connection that went away
				if (notSent(error) || (dropped(error) && !exchange.getResponse().isCommitted())) {
					instance(exchange).ifPresent(instance -> instances.failed(instance, error));
				}
				if (!sendAgain(exchange, error)) {
					// answered by the route's fallback (503) or its time-out (504): say why, once, for whoever
					// looks into a failed request
					log.info("{} {} failed on {} and is not sent again: {}", exchange.getRequest().getMethod(),
							exchange.getRequest().getPath().value(),
							instance(exchange).map(ServiceInstance::getInstanceId).orElse("no instance"), error.toString());
				}
			})
			.retryWhen(Retry.max(attempts - 1)
				.filter(error -> sendAgain(exchange, error))
				.doBeforeRetry(signal -> ServerWebExchangeUtils.reset(exchange))
				.onRetryExhaustedThrow((spec, signal) -> signal.failure()))
			.doOnSuccess(done -> instance(exchange).ifPresent(instances::succeeded));
	}

	private static java.util.Optional<ServiceInstance> instance(ServerWebExchange exchange) {
		Response<ServiceInstance> chosen = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_LOADBALANCER_RESPONSE_ATTR);
		return chosen == null || !chosen.hasServer() ? java.util.Optional.empty()
				: java.util.Optional.of(chosen.getServer());
	}

	/** Whether the failed request goes to another instance: nothing answered yet, and it is safe to send again. */
	boolean sendAgain(ServerWebExchange exchange, Throwable error) {
		return !exchange.getResponse().isCommitted()
				&& (notSent(error) || (dropped(error) && safeToRepeat(exchange)));
	}

	boolean safeToRepeat(ServerWebExchange exchange) {
		HttpMethod method = exchange.getRequest().getMethod();
		if (IDEMPOTENT.contains(method)) {
			return true;
		}
		if (!HttpMethod.POST.equals(method)) {
			return false;
		}
		PathContainer path = exchange.getRequest().getPath().pathWithinApplication();
		return idempotentPosts.stream().anyMatch(p -> p.matches(path));
	}

	/** The request never reached an instance. */
	static boolean notSent(Throwable error) {
		for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
			if (t instanceof ConnectException || t instanceof NoRouteToHostException
					|| t instanceof UnknownHostException || t instanceof ConnectTimeoutException) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The instance went away while the request was on it, not a time-out: the connection closed before the answer
	 * ({@code PrematureCloseException}), before or while the request was written ({@code AbortedException}, a closed
	 * channel), or was reset or broken (an I/O error from the native or the NIO transport: "Connection reset by peer",
	 * "Broken pipe").
	 */
	static boolean dropped(Throwable error) {
		for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
			if (t instanceof PrematureCloseException || t instanceof AbortedException
					|| t instanceof ClosedChannelException) {
				return true;
			}
			if (t instanceof IOException && !(t instanceof SocketTimeoutException)) {
				return true;
			}
		}
		return false;
	}

	public static class Config implements HasRouteId {

		private String routeId;

		@Override
		public void setRouteId(String routeId) {
			this.routeId = routeId;
		}

		@Override
		public String getRouteId() {
			return routeId;
		}

	}

}
