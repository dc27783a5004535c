package org.dsplatform.gateway.balance;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import reactor.core.publisher.Flux;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;

/**
 * The instances an {@link InstanceSource} lists, asked afresh on each subscription,
 * followed by the configured ones it does not list (by node id). The configured ones stay
 * candidates, so a node whose registration lapses for a moment (a slow keepalive under
 * load) is still reachable while its readiness holds.
 */
public final class SourcedInstances implements ServiceInstanceListSupplier {

	private final InstanceSource source;

	private final ServiceInstanceListSupplier configured;

	SourcedInstances(InstanceSource source, ServiceInstanceListSupplier configured) {
		this.source = source;
		this.configured = configured;
	}

	/** The node an instance is: its {@code node-id} metadata, else its instance id. */
	public static String nodeId(ServiceInstance instance) {
		String nodeId = instance.getMetadata().get("node-id");
		return (nodeId != null) ? nodeId : instance.getInstanceId();
	}

	@Override
	public String getServiceId() {
		return this.configured.getServiceId();
	}

	@Override
	public Flux<List<ServiceInstance>> get() {
		return this.configured.get().map((configuredNow) -> {
			List<ServiceInstance> listed = this.source.instances().get();
			Set<String> listedIds = listed.stream().map(SourcedInstances::nodeId).collect(Collectors.toSet());
			List<ServiceInstance> all = new ArrayList<>(listed);
			configuredNow.stream().filter((instance) -> !listedIds.contains(nodeId(instance))).forEach(all::add);
			return List.copyOf(all);
		});
	}

}
