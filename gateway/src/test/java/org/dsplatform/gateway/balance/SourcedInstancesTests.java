package org.dsplatform.gateway.balance;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;

import static org.assertj.core.api.Assertions.assertThat;

class SourcedInstancesTests {

	private static final ServiceInstance CONFIGURED = instance("configured", 8201);

	private static final ServiceInstance REGISTERED = instance("registered", 8204);

	private final ServiceInstanceListSupplier configured = new ServiceInstanceListSupplier() {

		@Override
		public String getServiceId() {
			return "cache-service";
		}

		@Override
		public Flux<List<ServiceInstance>> get() {
			return Flux.just(List.of(CONFIGURED));
		}

	};

	@Test
	void listsWhatTheSourceListsNowThenTheConfiguredInstancesItDoesNotList() {
		AtomicReference<List<ServiceInstance>> now = new AtomicReference<>(List.of());
		SourcedInstances instances = new SourcedInstances(new InstanceSource("cache-service", now::get),
				this.configured);
		Flux<List<ServiceInstance>> listing = instances.get();
		assertThat(listing.blockFirst()).containsExactly(CONFIGURED);
		now.set(List.of(REGISTERED));
		assertThat(listing.blockFirst()).containsExactly(REGISTERED, CONFIGURED);
		// The same node registered at its own address replaces the configured entry.
		ServiceInstance registeredTwin = instance("configured", 9201);
		now.set(List.of(registeredTwin, REGISTERED));
		assertThat(listing.blockFirst()).containsExactly(registeredTwin, REGISTERED);
		assertThat(instances.getServiceId()).isEqualTo("cache-service");
	}

	@Test
	void namesANodeByItsNodeIdElseItsInstanceId() {
		assertThat(SourcedInstances.nodeId(CONFIGURED)).isEqualTo("configured");
		assertThat(SourcedInstances
			.nodeId(new DefaultServiceInstance("instance-7", "cache-service", "127.0.0.1", 1, false, Map.of())))
			.isEqualTo("instance-7");
	}

	private static ServiceInstance instance(String id, int port) {
		return new DefaultServiceInstance(id, "cache-service", "127.0.0.1", port, false, Map.of("node-id", id));
	}

}
