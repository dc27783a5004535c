package org.dsplatform.gateway.balance;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.EmptyResponse;
import org.springframework.cloud.client.loadbalancer.Request;
import org.springframework.cloud.client.loadbalancer.RequestDataContext;
import org.springframework.cloud.client.loadbalancer.Response;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.cloud.loadbalancer.core.ReactorServiceInstanceLoadBalancer;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;

/**
 * The load balancer of every service: takes the instances that pass their health checks,
 * drops those whose circuit is open, and lets the route's strategy pick one. The route
 * names its strategy in its {@code load-balancer} metadata; routes that do not use the
 * default.
 * <p>
 * When every instance's circuit is open the answer is empty, which the gateway turns into
 * a 503 at once: failing fast is the point of the circuits.
 */
public class RoutingLoadBalancer implements ReactorServiceInstanceLoadBalancer {

	/** The route metadata key naming a route's strategy. */
	public static final String STRATEGY_METADATA = "load-balancer";

	private final ObjectProvider<ServiceInstanceListSupplier> instances;

	private final InstanceHealth health;

	private final Strategy defaultStrategy;

	private final Map<Strategy, InstanceChooser> choosers;

	private final Map<String, Strategy> strategiesByName = new ConcurrentHashMap<>();

	RoutingLoadBalancer(ObjectProvider<ServiceInstanceListSupplier> instances, InstanceHealth health,
			Strategy defaultStrategy, List<ChooserContribution> contributions) {
		this.instances = instances;
		this.health = health;
		this.defaultStrategy = defaultStrategy;
		this.choosers = new EnumMap<>(Strategy.class);
		this.choosers.put(Strategy.ROUND_ROBIN, Choosers.roundRobin());
		this.choosers.put(Strategy.RANDOM, Choosers.random());
		this.choosers.put(Strategy.WEIGHTED, Choosers.weighted());
		this.choosers.put(Strategy.LEAST_LOADED, Choosers.leastLoaded(health));
		for (ChooserContribution contribution : contributions) {
			this.choosers.put(contribution.strategy(), contribution.chooser());
		}
	}

	@Override
	public Mono<Response<ServiceInstance>> choose(Request request) {
		ServiceInstanceListSupplier supplier = this.instances.getIfAvailable();
		if (supplier == null) {
			return Mono.just(new EmptyResponse());
		}
		return supplier.get(request).next().map((candidates) -> choose(candidates, request));
	}

	Response<ServiceInstance> choose(List<ServiceInstance> candidates, Request<?> request) {
		InstanceChooser chooser = chooser(strategyOf(request));
		List<ServiceInstance> admitted = new ArrayList<>(candidates.size());
		for (ServiceInstance candidate : candidates) {
			if (this.health.admits(candidate)) {
				admitted.add(candidate);
			}
		}
		// A half-open circuit admits a few trial calls only; when they are taken, the
		// next
		// candidate is asked.
		while (!admitted.isEmpty()) {
			ServiceInstance chosen = chooser.choose(admitted, request);
			InstanceHealth.Call call = this.health.start(chosen);
			if (call != null) {
				return new ChosenInstance(chosen, call);
			}
			admitted.remove(chosen);
		}
		return new EmptyResponse();
	}

	private InstanceChooser chooser(Strategy strategy) {
		InstanceChooser chooser = this.choosers.get(strategy);
		if (chooser == null) {
			throw new IllegalStateException("The " + strategy.configName() + " strategy is not available here");
		}
		return chooser;
	}

	private Strategy strategyOf(Request<?> request) {
		if (request.getContext() instanceof RequestDataContext context && context.getClientRequest() != null
				&& context.getClientRequest()
					.getAttributes()
					.get(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR) instanceof Route route
				&& route.getMetadata().get(STRATEGY_METADATA) instanceof String name) {
			return this.strategiesByName.computeIfAbsent(name, Strategy::of);
		}
		return this.defaultStrategy;
	}

}
