package org.keywork.gateway;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.List;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.http.server.PathContainer;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Refuses request bodies over the limit with 413 problem+json naming the field {@code body}.
 * <ul>
 * <li>With {@code Content-Length}: decided from the header alone; nothing is forwarded.</li>
 * <li>Without it (chunked): the body is read up to the limit first and only then forwarded, with a
 * {@code Content-Length}; a body that runs past the limit is refused and the downstream never sees any of it.
 * Buffering costs at most the limit per in-flight chunked request.</li>
 * </ul>
 * Before answering 413 the rest of the body is read and thrown away (up to {@link #SWALLOW} more bytes, like
 * Tomcat's maxSwallowSize): a server that closes while the client is still sending makes the client's TCP stack
 * reset the connection, and most clients then lose the answer. Past that, the answer is sent with
 * {@code Connection: close}.
 */
@Order(BodySizeLimitFilter.ORDER)
public class BodySizeLimitFilter implements WebFilter {

	public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 20;

	static final long SWALLOW = 4L * 1024 * 1024;

	private static final Duration SWALLOW_TIME = Duration.ofSeconds(10);

	private final long maxBytes;

	private final long uploadMaxBytes;

	private final List<PathPattern> uploadPaths;

	private final ProblemWriter problems;

	public BodySizeLimitFilter(long maxBytes, ProblemWriter problems) {
		this(maxBytes, maxBytes, List.of(), problems);
	}

	/**
	 * @param uploadMaxBytes the limit on {@code uploadPaths} (e.g. a plan document), instead of {@code maxBytes}
	 */
	public BodySizeLimitFilter(long maxBytes, long uploadMaxBytes, List<String> uploadPaths, ProblemWriter problems) {
		for (long limit : new long[] { maxBytes, uploadMaxBytes }) {
			if (limit <= 0 || limit > Integer.MAX_VALUE - SWALLOW - 8) {
				throw new IllegalArgumentException("keywork.gateway body limits must be between 1 byte and 2 GB");
			}
		}
		this.maxBytes = maxBytes;
		this.uploadMaxBytes = uploadMaxBytes;
		this.uploadPaths = uploadPaths.stream().map(String::strip).filter(p -> !p.isEmpty())
			.map(PathPatternParser.defaultInstance::parse)
			.toList();
		this.problems = problems;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		PathContainer path = request.getPath().pathWithinApplication();
		long limit = this.uploadPaths.stream().anyMatch(p -> p.matches(path)) ? this.uploadMaxBytes : this.maxBytes;
		HttpHeaders headers = request.getHeaders();
		long contentLength = headers.getContentLength();
		if (contentLength >= 0) {
			if (contentLength <= limit) {
				return chain.filter(exchange);
			}
			if (contentLength > limit + SWALLOW) {
				return tooLarge(exchange, limit, true);
			}
			return request.getBody()
				.doOnNext(DataBufferUtils::release)
				.then()
				.timeout(SWALLOW_TIME)
				.then(Mono.defer(() -> tooLarge(exchange, limit, false)))
				.onErrorResume(ex -> tooLarge(exchange, limit, true));
		}
		if (headers.getFirst(HttpHeaders.TRANSFER_ENCODING) == null) {
			return chain.filter(exchange); // no body
		}
		return request.getBody()
			.reduceWith(() -> new Accumulator(limit), Accumulator::add)
			.flatMap(body -> {
				if (body.total > limit) {
					return tooLarge(exchange, limit, false);
				}
				return chain.filter(exchange.mutate().request(buffered(exchange, body.bytes.toByteArray())).build());
			})
			.onErrorResume(SwallowedEnough.class, ex -> tooLarge(exchange, limit, true));
	}

	/** Keeps up to the limit; past it only counts, and gives up past the swallow allowance. */
	private static final class Accumulator {

		final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

		final long limit;

		long total;

		Accumulator(long limit) {
			this.limit = limit;
		}

		Accumulator add(DataBuffer buffer) {
			try {
				int n = buffer.readableByteCount();
				this.total += n;
				if (this.total <= this.limit) {
					byte[] chunk = new byte[n];
					buffer.read(chunk);
					this.bytes.writeBytes(chunk);
				}
				else if (this.total > this.limit + SWALLOW) {
					throw new SwallowedEnough();
				}
				else if (this.bytes.size() > 0) {
					this.bytes.reset(); // refused anyway: drop what was kept
				}
				return this;
			}
			finally {
				DataBufferUtils.release(buffer);
			}
		}

	}

	private static final class SwallowedEnough extends RuntimeException {

		SwallowedEnough() {
			super(null, null, false, false);
		}

	}

	private static ServerHttpRequest buffered(ServerWebExchange exchange, byte[] bytes) {
		ServerHttpRequest request = exchange.getRequest();
		HttpHeaders headers = new HttpHeaders();
		headers.putAll(request.getHeaders());
		headers.remove(HttpHeaders.TRANSFER_ENCODING);
		headers.setContentLength(bytes.length);
		return new ServerHttpRequestDecorator(request) {
			@Override
			public HttpHeaders getHeaders() {
				return headers;
			}

			@Override
			public Flux<DataBuffer> getBody() {
				return Flux.defer(() -> Flux.just(exchange.getResponse().bufferFactory().wrap(bytes)));
			}
		};
	}

	private Mono<Void> tooLarge(ServerWebExchange exchange, long limit, boolean close) {
		String limitText = describe(limit);
		Problem problem = Problem
			.of("payload-too-large", "请求体过大", 413, "请求体超过 " + limitText + " 上限，已拒绝。",
					ProblemWriter.originalPath(exchange))
			.withErrors(List.of(new Problem.FieldError("body", "too-large", "请求体超过 " + limitText + " 上限")));
		return this.problems.write(exchange, problem, headers -> {
			if (close) {
				headers.setConnection("close");
			}
		});
	}

	static String describe(long bytes) {
		if (bytes % (1024L * 1024) == 0) {
			return (bytes / (1024L * 1024)) + " MB";
		}
		if (bytes % 1024 == 0) {
			return (bytes / 1024) + " KB";
		}
		return bytes + " 字节";
	}

}
