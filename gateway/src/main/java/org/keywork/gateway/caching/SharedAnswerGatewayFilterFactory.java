package org.keywork.gateway.caching;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.NettyWriteResponseFilter;
import org.springframework.cloud.gateway.filter.OrderedGatewayFilter;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.web.server.ServerWebExchange;

/**
 * {@code SharedAnswer}: for a route whose answer is the same for every caller allowed to ask (the dashboard summary:
 * counts of the whole plan), this gateway instance answers a GET from the service's last 200 JSON answer to the same
 * path and query for up to {@code ttl} (1 s by default), without asking the service again. A morning's dashboards then
 * cost the service one request a second, however many people open them, and stay within a second of the service,
 * as the read models behind them are.
 *
 * <p>It runs after sign-in and the access table (both decide before any route), so a caller gets only what he may
 * ask for. Never for a route whose answer depends on who asks (an inbox, a department's own reports): the key is the
 * path and query alone. An answer over {@code max-bytes} (256 KB), another status or another type is passed on and not
 * kept. The answers it gives carry {@code Cache-Control: no-store} and their age in {@code Age}, like the service's.
 */
public class SharedAnswerGatewayFilterFactory extends AbstractGatewayFilterFactory<SharedAnswerGatewayFilterFactory.Config> {

	/** Keys kept per route at most (a path with a year: a handful in practice); more empties the route's cache. */
	static final int MAX_KEYS = 256;

	private final Counter hits;

	private final Counter misses;

	public SharedAnswerGatewayFilterFactory(MeterRegistry meters) {
		super(Config.class);
		this.hits = meters.counter("keywork.gateway.shared.answers", "outcome", "hit");
		this.misses = meters.counter("keywork.gateway.shared.answers", "outcome", "miss");
	}

	@Override
	public String name() {
		return "SharedAnswer";
	}

	@Override
	public GatewayFilter apply(Config config) {
		Map<String, Kept> kept = new ConcurrentHashMap<>();
		long ttlNanos = config.getTtl().toNanos();
		// before the filter that writes the service's answer, so that it writes into the decorator
		return new OrderedGatewayFilter((exchange, chain) -> {
			if (exchange.getRequest().getMethod() != HttpMethod.GET) {
				return chain.filter(exchange);
			}
			String key = exchange.getRequest().getURI().getRawPath() + "?"
					+ String.valueOf(exchange.getRequest().getURI().getRawQuery());
			Kept answer = kept.get(key);
			long now = System.nanoTime();
			if (answer != null && now - answer.keptAt() < ttlNanos) {
				this.hits.increment();
				return answer.writeTo(exchange.getResponse(), now);
			}
			this.misses.increment();
			return chain.filter(exchange.mutate().response(new Keeping(exchange, config, answered -> {
				if (kept.size() >= MAX_KEYS) {
					kept.clear();
				}
				kept.put(key, answered);
			})).build());
		}, NettyWriteResponseFilter.WRITE_RESPONSE_FILTER_ORDER - 1);
	}

	/** An answer kept: its body and type, and when it was received. */
	record Kept(byte[] body, MediaType type, long keptAt) {

		Mono<Void> writeTo(ServerHttpResponse response, long now) {
			response.setStatusCode(HttpStatus.OK);
			HttpHeaders headers = response.getHeaders();
			headers.setContentType(this.type);
			headers.setContentLength(this.body.length);
			headers.setCacheControl("no-store");
			headers.set(HttpHeaders.AGE, Long.toString(Duration.ofNanos(now - this.keptAt).toSeconds()));
			return response.writeWith(Mono.just(response.bufferFactory().wrap(this.body)));
		}
	}

	/** The service's answer on its way to the caller, kept when it may be shared. */
	private static final class Keeping extends ServerHttpResponseDecorator {

		private final Config config;

		private final Consumer<Kept> keep;

		private final long askedAt = System.nanoTime();

		Keeping(ServerWebExchange exchange, Config config, Consumer<Kept> keep) {
			super(exchange.getResponse());
			this.config = config;
			this.keep = keep;
		}

		@Override
		public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
			MediaType type = getHeaders().getContentType();
			long length = getHeaders().getContentLength();
			if (!HttpStatus.OK.equals(getStatusCode()) || type == null
					|| !MediaType.APPLICATION_JSON.isCompatibleWith(type) || length > this.config.getMaxBytes()) {
				return super.writeWith(body);
			}
			return DataBufferUtils.join(Flux.from(body)).flatMap(joined -> {
				byte[] bytes = new byte[joined.readableByteCount()];
				joined.read(bytes);
				DataBufferUtils.release(joined);
				if (bytes.length <= this.config.getMaxBytes()) {
					// kept as of when it was asked for: an answer is never taken for newer than it is
					this.keep.accept(new Kept(bytes, type, this.askedAt));
				}
				return super.writeWith(Mono.just(bufferFactory().wrap(bytes)));
			});
		}
	}

	public static class Config {

		private Duration ttl = Duration.ofSeconds(1);

		private int maxBytes = 256 * 1024;

		public Duration getTtl() {
			return this.ttl;
		}

		public void setTtl(Duration ttl) {
			this.ttl = ttl;
		}

		public int getMaxBytes() {
			return this.maxBytes;
		}

		public void setMaxBytes(int maxBytes) {
			this.maxBytes = maxBytes;
		}
	}

}
