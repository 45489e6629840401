package org.keywork.gateway;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class FilterConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ClientKeyResolver clientKeyResolver(GatewayProperties properties) {
		return new RemoteAddressClientKeyResolver(properties.rateLimit().trustForwardedFor());
	}

	@Bean
	@ConditionalOnBooleanProperty(name = "keywork.gateway.rate-limit.enabled", matchIfMissing = true)
	RateLimitFilter rateLimitFilter(GatewayProperties properties, ClientKeyResolver clientKeys,
			ProblemWriter problems) {
		return new RateLimitFilter(properties.rateLimit(), clientKeys, problems);
	}

	@Bean
	BodySizeLimitFilter bodySizeLimitFilter(GatewayProperties properties, ProblemWriter problems) {
		return new BodySizeLimitFilter(properties.maxBody().toBytes(), properties.uploadMaxBody().toBytes(),
				properties.uploadPaths(), problems);
	}

}
