package org.dsplatform.cache.node;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.dsplatform.common.ring.HashRing;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HandoffTests {

	private static final HashRing THREE = HashRing.of(List.of("cache-1", "cache-2", "cache-3"), 100, 1);

	private static final HashRing FOUR = HashRing.of(List.of("cache-1", "cache-2", "cache-3", "cache-4"), 100, 2);

	private static final HashRing WITHOUT_2 = HashRing.of(List.of("cache-1", "cache-3"), 100, 3);

	@Test
	void aJoiningNodeReceivesEachOfItsKeysOnceAndOnlyItsKeys() {
		for (int i = 0; i < 2000; i++) {
			String key = "key-" + i;
			Map<String, Integer> received = received(key, THREE, FOUR);
			if (FOUR.owners(key, 2).contains("cache-4")) {
				assertThat(received).as(key).containsExactly(Map.entry("cache-4", 1));
			}
			else {
				assertThat(received).as(key).isEmpty();
			}
		}
	}

	@Test
	void aKeyEndsOnExactlyItsNewHoldersWhenANodeJoins() {
		for (int i = 0; i < 2000; i++) {
			String key = "key-" + i;
			assertThat(holdersAfter(key, THREE, FOUR)).as(key).containsExactlyInAnyOrderElementsOf(FOUR.owners(key, 2));
		}
	}

	@Test
	void theSurvivingHolderCopiesAKeyToItsNewReplicaWhenAHolderLeaves() {
		int copied = 0;
		for (int i = 0; i < 2000; i++) {
			String key = "key-" + i;
			List<String> before = THREE.owners(key, 2);
			List<String> after = WITHOUT_2.owners(key, 2);
			Map<String, Integer> received = received(key, THREE, WITHOUT_2);
			if (before.contains("cache-2")) {
				String newcomer = after.stream().filter((holder) -> !before.contains(holder)).findFirst().orElseThrow();
				assertThat(received).as(key).containsExactly(Map.entry(newcomer, 1));
				copied++;
			}
			else {
				assertThat(received).as(key).isEmpty();
			}
			assertThat(holdersAfter(key, THREE, WITHOUT_2)).as(key).containsExactlyInAnyOrderElementsOf(after);
		}
		assertThat(copied).isBetween(2000 / 2, 2000 * 5 / 6);
	}

	/** Who receives a key from its holders in {@code before}, and how many times. */
	private static Map<String, Integer> received(String key, HashRing before, HashRing after) {
		Map<String, Integer> received = new HashMap<>();
		for (String holder : before.owners(key, 2)) {
			if (after.members().contains(holder)) {
				Handoff.of(holder, key, before, after, 2)
					.sendTo()
					.forEach((target) -> received.merge(target, 1, Integer::sum));
			}
		}
		return received;
	}

	private static List<String> holdersAfter(String key, HashRing before, HashRing after) {
		List<String> holders = new ArrayList<>(received(key, before, after).keySet());
		for (String holder : before.owners(key, 2)) {
			if (after.members().contains(holder) && Handoff.of(holder, key, before, after, 2).keep()) {
				holders.add(holder);
			}
		}
		return holders;
	}

}
