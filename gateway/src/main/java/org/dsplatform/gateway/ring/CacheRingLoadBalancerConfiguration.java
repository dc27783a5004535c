package org.dsplatform.gateway.ring;

import org.dsplatform.common.ring.RingMembership;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.loadbalancer.core.ReactorLoadBalancer;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The load balancer of the cache-service client. Deliberately not a
 * {@code @Configuration}: Spring Cloud LoadBalancer builds it in the client's own
 * context.
 */
class CacheRingLoadBalancerConfiguration {

	@Bean
	ReactorLoadBalancer<ServiceInstance> cacheRingLoadBalancer(Environment environment,
			LoadBalancerClientFactory clients, RingMembership cacheRingMembership) {
		String name = environment.getProperty(LoadBalancerClientFactory.PROPERTY_NAME);
		return new CacheRingLoadBalancer(clients.getLazyProvider(name, ServiceInstanceListSupplier.class),
				cacheRingMembership);
	}

}
