package org.keywork.gateway.balancing;

import java.util.List;

import reactor.core.publisher.Flux;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The instance list of each service's load balancer (a child context per service, hence no {@code @Configuration}
 * here: the gateway's component scan must not pick it up). Asked on every request, so an ejected instance is left
 * out at once.
 */
public class InstanceListConfiguration {

	@Bean
	ServiceInstanceListSupplier keyworkServiceInstances(Environment environment, ServiceInstances instances) {
		String serviceId = LoadBalancerClientFactory.getName(environment);
		return new ServiceInstanceListSupplier() {
			@Override
			public String getServiceId() {
				return serviceId;
			}

			@Override
			public Flux<List<ServiceInstance>> get() {
				return Flux.defer(() -> Flux.just(instances.available(serviceId)));
			}
		};
	}

}
