package org.keywork.gateway;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Gateway settings under {@code keywork.gateway}; application.yml maps each one to an environment variable.
 *
 * @param maxBody largest request body accepted (Content-Length or streamed); bigger bodies get 413
 * @param uploadMaxBody largest body on the upload paths (a plan document)
 * @param uploadPaths paths that take uploads
 * @param rateLimit per-client token bucket
 * @param circuitBreaker circuit breaker and time limit applied to every route (one breaker per service)
 */
@ConfigurationProperties("keywork.gateway")
public record GatewayProperties(@DefaultValue("256KB") DataSize maxBody, @DefaultValue("2MB") DataSize uploadMaxBody,
		@DefaultValue("/api/plans/import") List<String> uploadPaths, @DefaultValue RateLimit rateLimit,
		@DefaultValue CircuitBreaker circuitBreaker, @DefaultValue ClientTimeouts clientTimeouts) {

	/**
	 * @param enabled switch the limiter off entirely
	 * @param requestsPerSecond sustained rate (tokens refilled per second)
	 * @param burst bucket capacity: how many requests a quiet client may send at once
	 * @param trustForwardedFor key clients by the first hop of {@code X-Forwarded-For} (only behind a trusted proxy)
	 * @param maxClients how many client buckets are kept in memory (least recently used ones are dropped)
	 * @param idleExpiry a client's bucket is forgotten after this long without requests
	 */
	public record RateLimit(@DefaultValue("true") boolean enabled, @DefaultValue("100") long requestsPerSecond,
			@DefaultValue("200") long burst, @DefaultValue("false") boolean trustForwardedFor,
			@DefaultValue("100000") long maxClients, @DefaultValue("10m") Duration idleExpiry) {
	}

	/**
	 * @param window the recent time the failure rate is computed over
	 * @param minimumCalls calls needed in the window before the breaker may open
	 * @param failureRateThreshold failure percentage that opens the breaker
	 * @param waitInOpen how long an open breaker answers with the fallback before letting trial calls through
	 * @param halfOpenCalls trial calls allowed while half-open; all succeeding closes the breaker
	 * @param timeout time limit for one downstream call (TimeLimiter)
	 */
	public record CircuitBreaker(@DefaultValue("10s") Duration window, @DefaultValue("20") int minimumCalls,
			@DefaultValue("50") float failureRateThreshold, @DefaultValue("5s") Duration waitInOpen,
			@DefaultValue("2") int halfOpenCalls, @DefaultValue("5s") Duration timeout) {
	}

	/**
	 * How long a client may take to send its request, so that slow senders do not hold connections open.
	 * @param read the longest pause between two reads of a request (headers or body)
	 * @param request the longest a whole request may take to arrive (a 20 MB plan over a slow line fits)
	 * @param idle a connection without a whole new request (a kept-alive one, or one whose headers stopped half way)
	 * is closed after this
	 */
	public record ClientTimeouts(@DefaultValue("10s") Duration read, @DefaultValue("120s") Duration request,
			@DefaultValue("15s") Duration idle) {
	}

}
