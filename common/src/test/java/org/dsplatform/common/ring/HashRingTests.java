package org.dsplatform.common.ring;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class HashRingTests {

	private static final int KEYS = 1_000_000;

	private static final List<String> THREE = List.of("cache-1", "cache-2", "cache-3");

	@Test
	void spreadsAMillionKeysWithinTenPercentOfTheMeanOverThreeNodes() {
		HashRing ring = HashRing.of(THREE, HashRing.DEFAULT_VIRTUAL_NODES, 1);
		Map<String, Integer> counts = new HashMap<>();
		for (int i = 0; i < KEYS; i++) {
			counts.merge(ring.owner("key-" + i), 1, Integer::sum);
		}
		double mean = KEYS / 3.0;
		double maxOverMean = counts.values().stream().mapToInt(Integer::intValue).max().orElseThrow() / mean;
		System.out.printf("max/mean over %d keys and 3 nodes: %.4f %s%n", KEYS, maxOverMean, counts);
		assertThat(maxOverMean).isLessThanOrEqualTo(1.10);
	}

	@Test
	void movesOnlyAboutAQuarterOfKeysAndOnlyToTheNewNodeWhenAFourthJoins() {
		HashRing before = HashRing.of(THREE, HashRing.DEFAULT_VIRTUAL_NODES, 1);
		HashRing after = HashRing.of(List.of("cache-1", "cache-2", "cache-3", "cache-4"),
				HashRing.DEFAULT_VIRTUAL_NODES, 2);
		int moved = 0;
		for (int i = 0; i < KEYS; i++) {
			String key = "key-" + i;
			String oldOwner = before.owner(key);
			String newOwner = after.owner(key);
			if (!oldOwner.equals(newOwner)) {
				assertThat(newOwner).as("a moved key goes to the new node").isEqualTo("cache-4");
				moved++;
			}
		}
		double fraction = moved / (double) KEYS;
		System.out.printf("a 4th node moved %.4f of %d keys%n", fraction, KEYS);
		assertThat(fraction).isLessThanOrEqualTo(1.1 / 4);
		assertThat(fraction).isGreaterThan(0.9 / 4 * 0.9);
	}

	@Test
	void movesOnlyTheKeysOfANodeThatLeaves() {
		HashRing before = HashRing.of(List.of("a", "b", "c", "d"), 200, 1);
		HashRing after = HashRing.of(List.of("a", "b", "d"), 200, 2);
		for (int i = 0; i < 100_000; i++) {
			String key = "k" + i;
			if (!before.owner(key).equals("c")) {
				assertThat(after.owner(key)).isEqualTo(before.owner(key));
			}
		}
	}

	@Test
	void buildsTheSameRingWhateverTheOrderOfItsMembers() {
		HashRing one = HashRing.of(List.of("cache-3", "cache-1", "cache-2"), 100, 7);
		HashRing two = HashRing.of(List.of("cache-2", "cache-3", "cache-1"), 100, 7);
		for (int i = 0; i < 10_000; i++) {
			assertThat(one.owners("k" + i, 2)).isEqualTo(two.owners("k" + i, 2));
		}
		assertThat(one.members()).containsExactly("cache-1", "cache-2", "cache-3");
	}

	@Test
	void placesReplicasOnDistinctNodesStartingWithTheOwner() {
		HashRing ring = HashRing.of(THREE, 100, 1);
		for (int i = 0; i < 10_000; i++) {
			List<String> owners = ring.owners("k" + i, 2);
			assertThat(owners).hasSize(2).doesNotHaveDuplicates();
			assertThat(owners.get(0)).isEqualTo(ring.owner("k" + i));
		}
		assertThat(ring.owners("k", 5)).hasSize(3);
		assertThat(HashRing.of(List.of("solo"), 10, 1).owners("k", 2)).containsExactly("solo");
	}

	@Test
	void boundsEveryNodesLoadByTheCapacityFactor() {
		HashRing ring = HashRing.of(THREE, 100, 1);
		Map<String, Long> load = new HashMap<>();
		THREE.forEach((member) -> load.put(member, 0L));
		// Every key is the same hot key: unbounded, one node would take them all.
		for (int i = 0; i < 3000; i++) {
			String chosen = ring.ownerWithBoundedLoad("hot", load::get, 1.25);
			load.merge(chosen, 1L, Long::sum);
			long total = load.values().stream().mapToLong(Long::longValue).sum();
			assertThat(load.get(chosen)).isLessThanOrEqualTo((long) Math.ceil(1.25 * total / 3));
		}
		assertThat(ring.ownerWithBoundedLoad("k", (member) -> 0, 1.25)).isEqualTo(ring.owner("k"));
	}

	@Test
	void sharesTheWholeHashSpace() {
		HashRing ring = HashRing.of(THREE, HashRing.DEFAULT_VIRTUAL_NODES, 1);
		Map<String, Double> shares = ring.ownershipShares();
		assertThat(shares.keySet()).isEqualTo(Set.copyOf(THREE));
		assertThat(shares.values().stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(1.0, within(1e-9));
		shares.values().forEach((share) -> assertThat(share).isCloseTo(1 / 3.0, within(0.03)));
		assertThat(HashRing.of(List.of("solo"), 1, 1).ownershipShares().get("solo")).isCloseTo(1.0, within(1e-9));
	}

	@Test
	void findsTheOwnerOfHashesAtTheEdgesOfTheRing() {
		HashRing ring = HashRing.of(THREE, 50, 1);
		for (int i = 0; i < 1000; i++) {
			String key = Long.toHexString(ThreadLocalRandom.current().nextLong());
			assertThat(THREE).contains(ring.owner(key));
		}
	}

}
