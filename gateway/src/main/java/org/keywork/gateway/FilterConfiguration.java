package org.keywork.gateway;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import reactor.netty.NettyPipeline;
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

	/**
	 * Slow headers and bodies: a request must keep coming and arrive whole in time, else its connection closes. And
	 * what the HTTP decoder refuses itself (414, 431) is answered in problem+json too.
	 */
	@Bean
	NettyServerCustomizer clientEdges(GatewayProperties properties, ProblemWriter problems) {
		GatewayProperties.ClientTimeouts timeouts = properties.clientTimeouts();
		return server -> server.readTimeout(timeouts.read())
			.requestTimeout(timeouts.request())
			.idleTimeout(timeouts.idle())
			.doOnChannelInit((observer, channel, remote) -> {
				if (channel.pipeline().get(NettyPipeline.HttpCodec) != null
						&& channel.pipeline().get(DecodingFailureProblems.NAME) == null) {
					channel.pipeline()
						.addAfter(NettyPipeline.HttpCodec, DecodingFailureProblems.NAME,
								new DecodingFailureProblems(problems));
				}
			});
	}

	@Bean
	BodySizeLimitFilter bodySizeLimitFilter(GatewayProperties properties, ProblemWriter problems) {
		return new BodySizeLimitFilter(properties.maxBody().toBytes(), properties.uploadMaxBody().toBytes(),
				properties.uploadPaths(), problems);
	}

}
