package org.dsplatform.gateway.ring;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.dsplatform.common.kv.KvHttpClient;
import org.dsplatform.common.ring.HashRing;
import org.dsplatform.common.ring.RingMembership;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;

import static org.assertj.core.api.Assertions.assertThat;

class KeyRingChooserTests {

	private static final Map<String, String> MEMBERS = Map.of("cache-1", "http://127.0.0.1:8201", "cache-2",
			"http://127.0.0.1:8202", "cache-3", "http://127.0.0.1:8203");

	// No registry reachable: the membership keeps its seed, the ring the cache nodes
	// start from.
	private final RingMembership membership = new RingMembership(
			new KvHttpClient(List.of(URI.create("http://127.0.0.1:9")), java.time.Duration.ofMillis(100)),
			"registry/cache/", MEMBERS, 1000);

	private final KeyRingChooser chooser = new KeyRingChooser(this.membership);

	private final HashRing ring = HashRing.of(MEMBERS.keySet(), 1000, 0);

	@AfterEach
	void close() {
		this.membership.close();
	}

	@Test
	void sendsEveryKeyToItsOwner() {
		List<ServiceInstance> all = instances("cache-1", "cache-2", "cache-3");
		for (int i = 0; i < 1000; i++) {
			String key = "key-" + i;
			assertThat(KeyRingChooser.nodeId(this.chooser.choose(all, key))).isEqualTo(this.ring.owner(key));
		}
	}

	@Test
	void fallsBackToTheNextNodeAlongTheRingWhenTheOwnerIsDown() {
		for (int i = 0; i < 1000; i++) {
			String key = "key-" + i;
			List<String> owners = this.ring.owners(key, 3);
			List<String> alive = new ArrayList<>(owners.subList(1, 3));
			ServiceInstance chosen = this.chooser.choose(instances(alive.toArray(String[]::new)), key);
			assertThat(KeyRingChooser.nodeId(chosen)).isEqualTo(owners.get(1));
		}
	}

	@Test
	void spreadsRequestsWithoutAKeyOverEveryInstance() {
		List<ServiceInstance> all = instances("cache-1", "cache-2", "cache-3");
		Set<String> chosen = new HashSet<>();
		for (int i = 0; i < 6; i++) {
			chosen.add(KeyRingChooser.nodeId(this.chooser.choose(all, (String) null)));
		}
		assertThat(chosen).containsExactlyInAnyOrder("cache-1", "cache-2", "cache-3");
	}

	private static List<ServiceInstance> instances(String... ids) {
		List<ServiceInstance> instances = new ArrayList<>();
		for (String id : ids) {
			URI uri = URI.create(MEMBERS.get(id));
			instances.add(new DefaultServiceInstance(id, "cache-service", uri.getHost(), uri.getPort(), false,
					Map.of("node-id", id)));
		}
		return instances;
	}

}
