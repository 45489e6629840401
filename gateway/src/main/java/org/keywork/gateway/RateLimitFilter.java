package org.keywork.gateway;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Per-client token bucket (Bucket4j, in memory, one lock-free bucket per client in a bounded Caffeine cache).
 * A client over its limit gets 429 problem+json with {@code Retry-After}. Actuator paths are not limited, so
 * probes and scrapes always get through.
 */
@Order(RateLimitFilter.ORDER)
public class RateLimitFilter implements WebFilter {

	public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

	private final ClientKeyResolver clientKeys;

	private final ProblemWriter problems;

	private final LoadingCache<String, Bucket> buckets;

	public RateLimitFilter(GatewayProperties.RateLimit limit, ClientKeyResolver clientKeys, ProblemWriter problems) {
		this.clientKeys = clientKeys;
		this.problems = problems;
		long rate = Math.max(1, limit.requestsPerSecond());
		long burst = Math.max(1, limit.burst());
		this.buckets = Caffeine.newBuilder()
			.maximumSize(limit.maxClients())
			.expireAfterAccess(limit.idleExpiry())
			.build(key -> Bucket.builder()
				.addLimit(bandwidth -> bandwidth.capacity(burst).refillGreedy(rate, Duration.ofSeconds(1)))
				.build());
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		if (exchange.getRequest().getPath().value().startsWith("/actuator")) {
			return chain.filter(exchange);
		}
		ConsumptionProbe probe = this.buckets.get(this.clientKeys.resolve(exchange)).tryConsumeAndReturnRemaining(1);
		if (probe.isConsumed()) {
			return chain.filter(exchange);
		}
		long retryAfterSeconds = Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
		Problem problem = Problem.of("rate-limited", "请求过于频繁", 429,
				"请求过于频繁，已超出访问频率上限，请在 " + retryAfterSeconds + " 秒后重试。", ProblemWriter.originalPath(exchange));
		return this.problems.write(exchange, problem,
				headers -> headers.set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds)));
	}

}
