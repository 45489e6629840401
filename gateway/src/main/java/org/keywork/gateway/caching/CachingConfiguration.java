package org.keywork.gateway.caching;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** {@code SharedAnswer}: answers that are the same for every caller, kept for a second by each gateway instance. */
@Configuration(proxyBeanMethods = false)
class CachingConfiguration {

	@Bean
	SharedAnswerGatewayFilterFactory sharedAnswerGatewayFilterFactory(MeterRegistry meters) {
		return new SharedAnswerGatewayFilterFactory(meters);
	}

}
