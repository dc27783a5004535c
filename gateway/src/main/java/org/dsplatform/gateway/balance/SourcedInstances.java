package org.dsplatform.gateway.balance;

import java.util.List;

import reactor.core.publisher.Flux;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;

/**
 * The instances an {@link InstanceSource} lists, asked afresh on each subscription, or
 * the configured ones while it lists none.
 */
final class SourcedInstances implements ServiceInstanceListSupplier {

	private final InstanceSource source;

	private final ServiceInstanceListSupplier configured;

	SourcedInstances(InstanceSource source, ServiceInstanceListSupplier configured) {
		this.source = source;
		this.configured = configured;
	}

	@Override
	public String getServiceId() {
		return this.configured.getServiceId();
	}

	@Override
	public Flux<List<ServiceInstance>> get() {
		return Flux.defer(() -> {
			List<ServiceInstance> listed = this.source.instances().get();
			return listed.isEmpty() ? this.configured.get() : Flux.just(listed);
		});
	}

}
