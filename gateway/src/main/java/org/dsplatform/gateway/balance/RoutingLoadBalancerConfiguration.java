package org.dsplatform.gateway.balance;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.loadbalancer.core.ReactorLoadBalancer;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The load balancer of each service's client context. Deliberately not a
 * {@code @Configuration}: Spring Cloud LoadBalancer builds it in each client's own
 * context.
 */
class RoutingLoadBalancerConfiguration {

	@Bean
	ServiceInstanceListSupplier readinessCheckedInstances(ConfigurableApplicationContext context,
			WebClient.Builder webClients, BalancingProperties properties, ObjectProvider<InstanceSource> sources) {
		ServiceInstanceListSupplier configured = ServiceInstanceListSupplier.builder()
			.withDiscoveryClient()
			.build(context);
		ServiceInstanceListSupplier listed = sources.orderedStream()
			.filter((source) -> source.serviceId().equals(configured.getServiceId()))
			.findFirst()
			.<ServiceInstanceListSupplier>map((source) -> new SourcedInstances(source, configured))
			.orElse(configured);
		return new ReadinessCheckedInstances(listed, webClients.build(), properties.healthCheck());
	}

	@Bean
	ReactorLoadBalancer<ServiceInstance> routingLoadBalancer(Environment environment, LoadBalancerClientFactory clients,
			InstanceHealth health, BalancingProperties properties, ObjectProvider<ChooserContribution> contributions) {
		String name = environment.getProperty(LoadBalancerClientFactory.PROPERTY_NAME);
		return new RoutingLoadBalancer(clients.getLazyProvider(name, ServiceInstanceListSupplier.class), health,
				Strategy.of(properties.defaultStrategy()), contributions.orderedStream().toList());
	}

}
