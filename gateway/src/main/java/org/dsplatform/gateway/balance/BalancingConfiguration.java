package org.dsplatform.gateway.balance;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.client.discovery.simple.SimpleDiscoveryProperties;
import org.springframework.cloud.gateway.config.GatewayProperties;
import org.springframework.cloud.loadbalancer.annotation.LoadBalancerClients;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Every service's load balancer, the per-instance circuits they share, and a check at
 * start that every route names a known strategy and every weight is a positive integer,
 * so a typo in configuration stops the gateway instead of failing requests later.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(BalancingProperties.class)
@LoadBalancerClients(defaultConfiguration = RoutingLoadBalancerConfiguration.class)
class BalancingConfiguration {

	@Bean
	CircuitBreakerRegistry instanceCircuitBreakers(BalancingProperties properties, MeterRegistry meters) {
		CircuitBreakerRegistry registry = InstanceHealth.registry(properties.circuitBreaker());
		TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(registry).bindTo(meters);
		return registry;
	}

	@Bean
	InstanceHealth instanceHealth(CircuitBreakerRegistry instanceCircuitBreakers) {
		return new InstanceHealth(instanceCircuitBreakers);
	}

	@Bean
	InstanceOutcomeFilter instanceOutcomeFilter() {
		return new InstanceOutcomeFilter();
	}

	@Bean
	BalancingConfigurationCheck balancingConfigurationCheck(BalancingProperties properties, GatewayProperties gateway,
			SimpleDiscoveryProperties discovery) {
		return new BalancingConfigurationCheck(properties, gateway, discovery);
	}

}
