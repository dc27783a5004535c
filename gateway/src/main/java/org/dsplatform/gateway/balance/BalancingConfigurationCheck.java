package org.dsplatform.gateway.balance;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.cloud.client.discovery.simple.SimpleDiscoveryProperties;
import org.springframework.cloud.gateway.config.GatewayProperties;
import org.springframework.cloud.gateway.route.RouteDefinition;

/**
 * Fails the start when a route names an unknown strategy or an instance has a weight that
 * is not a positive integer.
 */
class BalancingConfigurationCheck implements InitializingBean {

	private final BalancingProperties properties;

	private final GatewayProperties gateway;

	private final SimpleDiscoveryProperties discovery;

	BalancingConfigurationCheck(BalancingProperties properties, GatewayProperties gateway,
			SimpleDiscoveryProperties discovery) {
		this.properties = properties;
		this.gateway = gateway;
		this.discovery = discovery;
	}

	@Override
	public void afterPropertiesSet() {
		Strategy.of(this.properties.defaultStrategy());
		for (RouteDefinition route : this.gateway.getRoutes()) {
			Object name = route.getMetadata().get(RoutingLoadBalancer.STRATEGY_METADATA);
			if (name != null) {
				try {
					Strategy.of(name.toString());
				}
				catch (IllegalArgumentException ex) {
					throw new IllegalStateException("Route '" + route.getId() + "': " + ex.getMessage(), ex);
				}
			}
		}
		this.discovery.getInstances()
			.values()
			.forEach((instances) -> instances
				.forEach((instance) -> Choosers.weight(instance.getMetadata(), instance.getUri())));
	}

}
