package org.dsplatform.launcher;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class TopologyTests {

	@Test
	void defaultsToTheArchitecturePorts() {
		Topology topology = Topology.defaults();
		assertThat(topology.gatewayPort()).isEqualTo(8080);
		assertThat(topology.kvHttpPorts()).containsExactly(8101, 8102, 8103);
		assertThat(topology.kvRaftPorts()).containsExactly(9101, 9102, 9103);
		assertThat(topology.cachePorts()).containsExactly(8201, 8202, 8203);
		assertThat(topology.lockPorts()).containsExactly(8301, 8302);
		assertThat(topology.kafkaPort()).isEqualTo(9092);
		assertThat(topology.redisPort()).isEqualTo(6390);
	}

	@Test
	void handsOutDistinctFreePorts() {
		Topology topology = Topology.onFreePorts(5, 4, 3);
		List<Integer> all = Stream
			.of(List.of(topology.redisPort(), topology.kafkaPort(), topology.kafkaControllerPort(),
					topology.gatewayPort()), topology.kvHttpPorts(), topology.kvRaftPorts(), topology.cachePorts(),
					topology.lockPorts())
			.flatMap(List::stream)
			.toList();
		assertThat(all).hasSize(4 + 10 + 4 + 3);
		assertThat(new HashSet<>(all)).hasSameSizeAs(all);
		assertThat(topology.kvHttpPorts()).hasSize(5);
	}

	@Test
	void survivesARoundTripThroughItsFile(@TempDir Path dir) {
		Topology topology = Topology.onFreePorts(3, 3, 2);
		topology.store(dir.resolve("platform.properties"));
		assertThat(Topology.load(dir.resolve("platform.properties"))).isEqualTo(topology);
	}

	@Test
	void growsByACacheNodeOnTheNextPortOrAFreeOne() {
		Topology topology = new Topology(1, 2, 3, List.of(), List.of(), List.of(40001, 40002), List.of(), 40003);
		Topology grown = topology.withAnotherCacheNode();
		assertThat(grown.cachePorts()).hasSize(3).startsWith(40001, 40002);
		// 40003 is the gateway's: the new node gets a free port instead.
		assertThat(grown.cachePorts().get(2)).isNotIn(1, 2, 3, 40001, 40002, 40003);
		assertThat(Topology.defaults().withAnotherCacheNode().cachePorts()).startsWith(8201, 8202, 8203).hasSize(4);
		assertThat(grown.withAnotherCacheNode().cachePorts()).hasSize(4);
	}

	@Test
	void rejectsKvNodesWithoutARaftPort() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new Topology(1, 2, 3, List.of(10, 11), List.of(20), List.of(), List.of(), 4));
	}

	@Test
	void namesEachProcessOnce(@TempDir Path dir) {
		PlatformPlan plan = new PlatformPlan(dir, dir, Topology.defaults(), null, List.of());
		Set<String> names = new HashSet<>();
		assertThat(plan.processes()).allSatisfy((spec) -> assertThat(names.add(spec.name())).isTrue());
		assertThat(names).containsExactlyInAnyOrder("redis", "kafka", "kv-1", "kv-2", "kv-3", "cache-1", "cache-2",
				"cache-3", "lock-1", "lock-2", "gateway");
	}

}
