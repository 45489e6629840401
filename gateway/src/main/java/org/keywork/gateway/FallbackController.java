package org.keywork.gateway;

import java.util.Map;
import java.util.concurrent.TimeoutException;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

/**
 * Target of every route's {@code fallbackUri: forward:/fallback/<service>}: answers 503 problem+json naming the
 * service, with the client's original path as {@code instance}. Reached directly (not through a circuit breaker),
 * it is just an unknown path.
 */
@RestController
class FallbackController {

	private static final Log logger = LogFactory.getLog(FallbackController.class);

	static final Map<String, String> SERVICE_NAMES = Map.of("goal-service", "目标服务", "project-service", "项目服务",
			"progress-service", "进度服务", "notification-service", "通知服务");

	private final ProblemWriter problems;

	FallbackController(ProblemWriter problems) {
		this.problems = problems;
	}

	@RequestMapping("/fallback/{service}")
	Mono<Void> fallback(@PathVariable String service, ServerWebExchange exchange) {
		Throwable cause = exchange.getAttribute(ServerWebExchangeUtils.CIRCUITBREAKER_EXECUTION_EXCEPTION_ATTR);
		String instance = ProblemWriter.originalPath(exchange);
		if (cause == null || !SERVICE_NAMES.containsKey(service)) {
			return this.problems.write(exchange, ProblemErrorHandler.notFound(instance));
		}
		String name = SERVICE_NAMES.get(service) + "（" + service + "）";
		boolean timedOut = cause instanceof TimeoutException;
		String detail = timedOut ? name + "响应超时，请稍后重试。" : name + "暂不可用，请稍后重试。";
		if (logger.isDebugEnabled()) {
			logger.debug("Fallback for " + service + " on " + instance + ": " + cause);
		}
		// the breaker stays open a few seconds; a client that waits a second and retries gets through afterwards
		return this.problems.write(exchange, Problem.of("service-unavailable", "服务暂不可用", 503, detail, instance),
				headers -> headers.set(HttpHeaders.RETRY_AFTER, "1"));
	}

}
