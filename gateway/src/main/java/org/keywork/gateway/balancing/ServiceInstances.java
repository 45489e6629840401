package org.keywork.gateway.balancing;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;

/**
 * Every service's instances, as configured, and which of them are left out for now (passive health checking: an
 * instance that refused or dropped a connection is ejected for a while, longer each time in a row, and back as soon
 * as the time is up or a request through it succeeds). Shared by every route and every load balancer of the gateway.
 */
public final class ServiceInstances {

	private static final Logger log = LoggerFactory.getLogger(ServiceInstances.class);

	private record Ejection(Instant until, int strikes) {
	}

	private final Map<String, List<ServiceInstance>> byService;

	private final ConcurrentMap<String, Ejection> ejected = new ConcurrentHashMap<>();

	private final Duration ejection;

	private final Duration maxEjection;

	private final Clock clock;

	public ServiceInstances(BalancingProperties properties, Clock clock) {
		Map<String, List<ServiceInstance>> services = new LinkedHashMap<>();
		properties.instances().forEach((serviceId, urls) -> services.put(serviceId, parse(serviceId, urls)));
		this.byService = Map.copyOf(services);
		this.ejection = properties.ejection();
		this.maxEjection = properties.maxEjection();
		this.clock = clock;
	}

	static List<ServiceInstance> parse(String serviceId, String urls) {
		List<ServiceInstance> result = new ArrayList<>();
		for (String url : Arrays.stream(urls.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList()) {
			URI uri = URI.create(url);
			if (uri.getHost() == null) {
				throw new IllegalArgumentException("服务 " + serviceId + " 的地址“" + url + "”不是 http://主机:端口 的形式");
			}
			boolean secure = "https".equalsIgnoreCase(uri.getScheme());
			int port = uri.getPort() > 0 ? uri.getPort() : (secure ? 443 : 80);
			result.add(new DefaultServiceInstance(serviceId + "@" + uri.getHost() + ":" + port, serviceId,
					uri.getHost(), port, secure));
		}
		if (result.isEmpty()) {
			throw new IllegalArgumentException("服务 " + serviceId + " 没有配置任何实例地址");
		}
		return List.copyOf(result);
	}

	/** Every configured instance of the service. */
	public List<ServiceInstance> all(String serviceId) {
		return byService.getOrDefault(serviceId, List.of());
	}

	/** The instances not left out now; all of them when every one is (then each is worth a try). */
	public List<ServiceInstance> available(String serviceId) {
		List<ServiceInstance> all = all(serviceId);
		if (ejected.isEmpty()) {
			return all;
		}
		Instant now = clock.instant();
		List<ServiceInstance> up = new ArrayList<>(all.size());
		for (ServiceInstance instance : all) {
			Ejection e = ejected.get(instance.getInstanceId());
			if (e == null || !now.isBefore(e.until())) {
				up.add(instance);
			}
		}
		return up.isEmpty() ? all : up;
	}

	/** The instance refused or dropped a connection ({@code reason}, named in the log): leave it out for a while. */
	public void failed(ServiceInstance instance, Throwable reason) {
		Ejection next = ejected.compute(instance.getInstanceId(), (id, previous) -> {
			int strikes = previous == null ? 1 : Math.min(previous.strikes() + 1, 16);
			Duration pause = ejection.multipliedBy(1L << Math.min(strikes - 1, 10));
			if (pause.compareTo(maxEjection) > 0) {
				pause = maxEjection;
			}
			return new Ejection(clock.instant().plus(pause), strikes);
		});
		log.warn("instance {} of {} failed{}; left out until {} ({} failure(s) in a row)", instance.getInstanceId(),
				instance.getServiceId(), " (" + reason + ")", next.until(), next.strikes());
	}

	/** A request through the instance succeeded: it is back in full. */
	public void succeeded(ServiceInstance instance) {
		if (!ejected.isEmpty() && ejected.remove(instance.getInstanceId()) != null) {
			log.info("instance {} of {} answers again", instance.getInstanceId(), instance.getServiceId());
		}
	}

}
