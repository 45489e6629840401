package org.keywork.gateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The single entry of Keywork: routes every {@code /api} path to its service, with a circuit breaker and a time
 * limit per service, a request-size limit, a per-client rate limit and request ids; authenticates callers by bearer
 * JWT and authorises them by role ({@code auth}); serves the dashboard at {@code /} and one Swagger UI for all
 * services at {@code /api-docs}. Every error it produces itself is RFC 9457 {@code application/problem+json}.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class GatewayApplication {

	public static void main(String[] args) {
		SpringApplication.run(GatewayApplication.class, args);
	}

}
