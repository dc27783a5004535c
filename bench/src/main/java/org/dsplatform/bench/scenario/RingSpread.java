package org.dsplatform.bench.scenario;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.dsplatform.common.ring.HashRing;

/**
 * How a {@link HashRing} spreads keys over its members, and how many keys move when one
 * member joins: pure computation over generated key names.
 *
 * @param keys the keys counted
 * @param before keys per member before the join
 * @param after keys per member after the join
 * @param moved keys whose owner changed
 * @param movedToNewMember moved keys whose new owner is the member that joined
 */
record RingSpread(int keys, Map<String, Integer> before, Map<String, Integer> after, long moved,
		long movedToNewMember) {

	static RingSpread compute(List<String> members, String joining, int virtualNodes, int keys) {
		HashRing ring = HashRing.of(members, virtualNodes, 1);
		List<String> grown = new ArrayList<>(members);
		grown.add(joining);
		HashRing bigger = HashRing.of(grown, virtualNodes, 2);
		Map<String, Integer> before = new LinkedHashMap<>();
		members.forEach((member) -> before.put(member, 0));
		Map<String, Integer> after = new LinkedHashMap<>();
		grown.forEach((member) -> after.put(member, 0));
		long moved = 0;
		long movedToNew = 0;
		for (int i = 0; i < keys; i++) {
			String key = "key-" + i;
			String owner = ring.owner(key);
			String newOwner = bigger.owner(key);
			before.merge(owner, 1, Integer::sum);
			after.merge(newOwner, 1, Integer::sum);
			if (!owner.equals(newOwner)) {
				moved++;
				if (newOwner.equals(joining)) {
					movedToNew++;
				}
			}
		}
		return new RingSpread(keys, before, after, moved, movedToNew);
	}

	static double maxOverMean(Map<String, Integer> counts) {
		double mean = counts.values().stream().mapToInt(Integer::intValue).average().orElse(0);
		int max = counts.values().stream().mapToInt(Integer::intValue).max().orElse(0);
		return (mean > 0) ? max / mean : 0;
	}

	double movedFraction() {
		return (double) this.moved / this.keys;
	}

}
