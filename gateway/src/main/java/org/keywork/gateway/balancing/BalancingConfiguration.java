package org.keywork.gateway.balancing;

import java.time.Clock;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.loadbalancer.annotation.LoadBalancerClients;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@code lb://<service>} routes: Spring Cloud LoadBalancer (round robin) over the instances configured for each
 * service, leaving out those that just failed, with {@code Failover} sending a failed request to another one.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(BalancingProperties.class)
@LoadBalancerClients(defaultConfiguration = InstanceListConfiguration.class)
class BalancingConfiguration {

	@Bean
	ServiceInstances serviceInstances(BalancingProperties properties) {
		return new ServiceInstances(properties, Clock.systemUTC());
	}

	@Bean
	FailoverGatewayFilterFactory failoverGatewayFilterFactory(ServiceInstances instances,
			BalancingProperties properties) {
		return new FailoverGatewayFilterFactory(instances, properties);
	}

}
