package org.keywork.gateway;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;

import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JCircuitBreakerFactory;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JConfigBuilder;
import org.springframework.cloud.client.circuitbreaker.Customizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Default circuit breaker + time limiter for every route's {@code CircuitBreaker} filter (each route names its own
 * breaker after its service, so one service failing never opens another's breaker).
 *
 * <p>A breaker protects against a service that is down or hanging, not against one that is busy: it counts only
 * real failures ({@link BreakerFailures}: refused or reset connections, time-outs, a 502/504 from upstream) over a
 * time window with a minimum number of calls, so that a burst of load never turns a healthy service into an
 * outage. A busy service answers 503 with {@code Retry-After} itself, and that answer passes through. It recovers by
 * itself: a short open state, then a few trial calls.
 */
@Configuration(proxyBeanMethods = false)
class ResilienceConfiguration {

	@Bean
	Customizer<ReactiveResilience4JCircuitBreakerFactory> keyworkCircuitBreakerDefaults(GatewayProperties properties) {
		GatewayProperties.CircuitBreaker cb = properties.circuitBreaker();
		CircuitBreakerConfig breaker = CircuitBreakerConfig.custom()
			.slidingWindowType(CircuitBreakerConfig.SlidingWindowType.TIME_BASED)
			.slidingWindowSize((int) Math.max(1, cb.window().toSeconds()))
			.recordException(BreakerFailures::isFailure)
			.minimumNumberOfCalls(cb.minimumCalls())
			.failureRateThreshold(cb.failureRateThreshold())
			.waitDurationInOpenState(cb.waitInOpen())
			.permittedNumberOfCallsInHalfOpenState(cb.halfOpenCalls())
			.build();
		TimeLimiterConfig timeLimiter = TimeLimiterConfig.custom()
			.timeoutDuration(cb.timeout())
			.cancelRunningFuture(true)
			.build();
		return factory -> factory.configureDefault(id -> new Resilience4JConfigBuilder(id)
			.circuitBreakerConfig(breaker)
			.timeLimiterConfig(timeLimiter)
			.build());
	}

}
