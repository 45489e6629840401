package org.keywork.gateway;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.TimeoutException;

import io.netty.channel.ConnectTimeoutException;
import reactor.netty.http.client.PrematureCloseException;

import org.springframework.cloud.gateway.filter.factory.SpringCloudCircuitBreakerFilterFactory.CircuitBreakerStatusCodeException;


/**
 * What counts against a service's circuit breaker: the service is not there (connection refused, unreachable,
 * connect time-out), it dropped the connection, it did not answer in time, or a proxy in front of it answered 502/504
 * (the routes' {@code statusCodes}). Everything else does not: above all the gateway's own saturation (no pooled
 * connection free in time) and the answers the service chose to give, 500 and 503 with Retry-After included.
 */
final class BreakerFailures {

	private BreakerFailures() {
	}

	static boolean isFailure(Throwable error) {
		for (Throwable cause = error; cause != null; cause = cause.getCause()) {
			if (cause instanceof ConnectException || cause instanceof NoRouteToHostException
					|| cause instanceof UnknownHostException || cause instanceof ConnectTimeoutException
					|| cause instanceof PrematureCloseException || cause instanceof ClosedChannelException
					|| cause instanceof TimeoutException
					|| cause instanceof org.springframework.cloud.gateway.support.TimeoutException
					|| cause instanceof CircuitBreakerStatusCodeException) {
				return true;
			}
			if (cause.getCause() == cause) {
				break;
			}
		}
		return false;
	}

}
