package org.keywork.gateway.balancing;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the gateway spreads requests over a service's instances ({@code keywork.gateway.balancing}).
 *
 * @param instances per service id (the {@code lb://} host of its routes): its instances' base URLs, comma
 * separated. Locally {@code ./keywork up --scale} lists every instance; in compose and Kubernetes it is the one DNS
 * name that resolves to them all.
 * @param ejection how long an instance that refused a connection or dropped one is left out; doubled for every
 * further failure in a row, up to {@code maxEjection}. While every instance of a service is left out, all are tried.
 * @param maxEjection the longest an instance is left out at a time
 * @param attempts how many instances one request may try (the first one included)
 * @param idempotentPosts paths whose POST may be sent again after a dropped connection because the request carries
 * its own identity (a report's {@code reportId}); any other POST is sent again only when it never reached an
 * instance (connection refused)
 */
@ConfigurationProperties("keywork.gateway.balancing")
public record BalancingProperties(Map<String, String> instances, @DefaultValue("5s") Duration ejection,
		@DefaultValue("30s") Duration maxEjection, @DefaultValue("3") int attempts,
		@DefaultValue("/api/progress") List<String> idempotentPosts) {

	public BalancingProperties {
		instances = instances == null ? Map.of() : Map.copyOf(instances);
		idempotentPosts = idempotentPosts == null ? List.of() : List.copyOf(idempotentPosts);
		if (attempts < 1) {
			throw new IllegalArgumentException("keywork.gateway.balancing.attempts must be at least 1");
		}
	}

}
