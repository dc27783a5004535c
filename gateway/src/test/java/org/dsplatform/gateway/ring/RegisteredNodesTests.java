package org.dsplatform.gateway.ring;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.dsplatform.common.kv.KvHttpClient;
import org.dsplatform.common.ring.RingMembership;
import org.junit.jupiter.api.Test;

import org.springframework.cloud.client.ServiceInstance;

import static org.assertj.core.api.Assertions.assertThat;

class RegisteredNodesTests {

	@Test
	void listsEachMemberAsAnInstanceNamedByItsNodeId() {
		Map<String, String> urls = new LinkedHashMap<>();
		urls.put("cache-2", "http://127.0.0.1:8202");
		urls.put("cache-1", "https://cache-1.example:8443");
		List<ServiceInstance> instances = RegisteredNodes.instances("cache-service", urls);
		assertThat(instances).extracting(ServiceInstance::getInstanceId).containsExactly("cache-1", "cache-2");
		ServiceInstance first = instances.get(0);
		assertThat(first.getServiceId()).isEqualTo("cache-service");
		assertThat(first.getUri()).isEqualTo(URI.create("https://cache-1.example:8443"));
		assertThat(first.getMetadata()).containsEntry("node-id", "cache-1");
		assertThat(KeyRingChooser.nodeId(instances.get(1))).isEqualTo("cache-2");
	}

	@Test
	void skipsAMemberWhoseRegisteredUrlIsNotHostAndPort() {
		Map<String, String> urls = Map.of("cache-1", "http://127.0.0.1:8201", "cache-2", "not a url", "cache-3",
				"http://no-port");
		assertThat(RegisteredNodes.instances("cache-service", urls)).extracting(ServiceInstance::getInstanceId)
			.containsExactly("cache-1");
	}

	@Test
	void followsTheMembershipStartingFromItsSeed() {
		// No registry reachable: the membership keeps its seed.
		try (RingMembership membership = new RingMembership(
				new KvHttpClient(List.of(URI.create("http://127.0.0.1:9")), Duration.ofMillis(100)), "registry/cache/",
				Map.of("cache-1", "http://127.0.0.1:8201"), 100)) {
			RegisteredNodes nodes = new RegisteredNodes(membership, "cache-service");
			assertThat(nodes.instances()).extracting(ServiceInstance::getUri)
				.containsExactly(URI.create("http://127.0.0.1:8201"));
			assertThat(nodes.instances()).isSameAs(nodes.instances());
		}
	}

}
