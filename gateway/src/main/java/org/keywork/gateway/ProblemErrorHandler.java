package org.keywork.gateway;

import java.net.ConnectException;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;

import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;

/**
 * Turns every error the gateway raises itself (unknown path, wrong method, internal failure) into Keywork's
 * problem+json. Runs before Boot's default handler. Downstream error responses are passed through untouched and
 * never get here.
 */
@Component
@Order(-2)
class ProblemErrorHandler implements ErrorWebExceptionHandler {

	private static final Log logger = LogFactory.getLog(ProblemErrorHandler.class);

	private final ProblemWriter problems;

	ProblemErrorHandler(ProblemWriter problems) {
		this.problems = problems;
	}

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
		if (exchange.getResponse().isCommitted()) {
			return Mono.error(ex);
		}
		String instance = ProblemWriter.originalPath(exchange);
		boolean unreachable = unreachable(ex);
		boolean slowClient = slowClient(ex);
		HttpStatusCode status = (ex instanceof ResponseStatusException rse) ? rse.getStatusCode()
				: unreachable ? HttpStatus.SERVICE_UNAVAILABLE
						: slowClient ? HttpStatus.REQUEST_TIMEOUT : HttpStatus.INTERNAL_SERVER_ERROR;
		if (slowClient) {
			logger.info("Request too slow to arrive, dropped: " + exchange.getRequest().getMethod() + " " + instance);
		}
		else if (unreachable) {
			logger.warn("Service unreachable for " + exchange.getRequest().getMethod() + " " + instance + ": " + ex);
		}
		else if (status.is5xxServerError()) {
			logger.error("Gateway error on " + exchange.getRequest().getMethod() + " " + instance, ex);
		}
		Problem problem = problemFor(status, instance);
		exchange.getResponse().getHeaders().clear();
		return this.problems.write(exchange, problem, headers -> {
			if (ex instanceof ResponseStatusException rse) {
				rse.getHeaders().forEach((name, values) -> headers.addAll(name, values));
			}
		});
	}

	/**
	 * A service that refuses the connection on a route without a circuit breaker (the alert stream, the API
	 * documents) is unavailable (503), not a gateway failure.
	 */
	private static boolean unreachable(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof ConnectException) {
				return true;
			}
		}
		return false;
	}

	/** The client stopped sending its request half way ({@code keywork.gateway.client-timeouts}). */
	private static boolean slowClient(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof io.netty.handler.timeout.ReadTimeoutException
					|| cause.getClass().getName().equals("reactor.netty.http.server.RequestTimeoutException")) {
				return true;
			}
		}
		return false;
	}

	static Problem notFound(String instance) {
		return Problem.notFound(instance);
	}

	private static Problem problemFor(HttpStatusCode status, String instance) {
		int code = status.value();
		return switch (code) {
			case 404 -> notFound(instance);
			case 408 -> Problem.of("request-timeout", "请求超时", 408, "请求未能及时完整发送，连接已关闭，请重试。", instance);
			case 405 -> Problem.of("method-not-allowed", "请求方法不受支持", 405, "该接口不支持此请求方法。", instance);
			case 413 -> Problem.of("payload-too-large", "请求体过大", 413, "请求体超过上限，已拒绝。", instance);
			case 415 -> Problem.of("unsupported-media-type", "媒体类型不受支持", 415, "该接口不支持此请求的内容类型。", instance);
			case 503 -> Problem.of("service-unavailable", "服务暂不可用", 503, "所请求的服务暂不可用，请稍后重试。", instance);
			case 504 -> Problem.of("gateway-timeout", "服务响应超时", 504, "所请求的服务响应超时，请稍后重试。", instance);
			default -> {
				if (code >= 500) {
					yield Problem.of("internal-error", "网关内部错误", code, "网关处理请求时出错，请稍后重试。", instance);
				}
				yield Problem.of("bad-request", "请求无效", code, "请求无法处理（HTTP " + code + "）。", instance);
			}
		};
	}

}
