package org.keywork.gateway;

import java.util.function.Consumer;

import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/** Writes a {@link Problem} as the whole response, {@code application/problem+json}, UTF-8. */
@Component
public class ProblemWriter {

	// A private mapper: the problem shape must not change with the application's Jackson settings.
	private final JsonMapper mapper = JsonMapper.builder().build();

	public Mono<Void> write(ServerWebExchange exchange, Problem problem) {
		return write(exchange, problem, headers -> {
		});
	}

	public Mono<Void> write(ServerWebExchange exchange, Problem problem, Consumer<HttpHeaders> extraHeaders) {
		ServerHttpResponse response = exchange.getResponse();
		if (response.isCommitted()) {
			return Mono.empty();
		}
		byte[] bytes = toJson(problem);
		response.setStatusCode(HttpStatus.valueOf(problem.status()));
		HttpHeaders headers = response.getHeaders();
		headers.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		headers.setContentLength(bytes.length);
		headers.setCacheControl("no-store");
		extraHeaders.accept(headers);
		DataBuffer buffer = response.bufferFactory().wrap(bytes);
		return response.writeWith(Mono.just(buffer));
	}

	public byte[] toJson(Problem problem) {
		return this.mapper.writeValueAsBytes(problem);
	}

	/** The path the client asked for, before any forward (e.g. to a fallback). */
	public static String originalPath(ServerWebExchange exchange) {
		String path = exchange.getAttribute(RequestIdFilter.ORIGINAL_PATH_ATTR);
		return (path != null) ? path : exchange.getRequest().getPath().value();
	}

}
