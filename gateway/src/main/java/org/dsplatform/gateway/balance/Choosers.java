package org.dsplatform.gateway.balance;

import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.cloud.client.ServiceInstance;

/**
 * The general-purpose strategies. The key ring lives with the cache's ring support.
 */
final class Choosers {

	static final String WEIGHT_METADATA = "weight";

	private Choosers() {
	}

	static InstanceChooser roundRobin() {
		AtomicInteger next = new AtomicInteger();
		return (candidates, request) -> candidates.get(Math.floorMod(next.getAndIncrement(), candidates.size()));
	}

	static InstanceChooser random() {
		return (candidates, request) -> candidates.get(ThreadLocalRandom.current().nextInt(candidates.size()));
	}

	/**
	 * Weighted random rather than weighted round robin: it keeps no state that must
	 * follow the candidate list as instances leave and return, and over many requests it
	 * converges on the configured shares just the same.
	 */
	static InstanceChooser weighted() {
		return (candidates, request) -> {
			int[] weights = new int[candidates.size()];
			int total = 0;
			for (int i = 0; i < weights.length; i++) {
				weights[i] = weight(candidates.get(i));
				total += weights[i];
			}
			int point = ThreadLocalRandom.current().nextInt(total);
			for (int i = 0; i < weights.length; i++) {
				point -= weights[i];
				if (point < 0) {
					return candidates.get(i);
				}
			}
			throw new IllegalStateException("unreachable: the point lies below the total weight");
		};
	}

	/**
	 * Power of two choices (Mitzenmacher 2001): two random candidates, the one with fewer
	 * requests in flight wins. Nearly as good as asking every instance, without herding
	 * all new requests onto the one that was least loaded a moment ago.
	 */
	static InstanceChooser leastLoaded(InstanceHealth health) {
		return (candidates, request) -> {
			int size = candidates.size();
			if (size == 1) {
				return candidates.get(0);
			}
			ThreadLocalRandom random = ThreadLocalRandom.current();
			int first = random.nextInt(size);
			int second = random.nextInt(size - 1);
			if (second >= first) {
				second++;
			}
			ServiceInstance a = candidates.get(first);
			ServiceInstance b = candidates.get(second);
			return (health.inFlight(b) < health.inFlight(a)) ? b : a;
		};
	}

	/**
	 * The weight of an instance from its {@code weight} metadata: a positive integer, 1
	 * when absent.
	 * @throws IllegalArgumentException when the metadata is not a positive integer
	 */
	static int weight(ServiceInstance instance) {
		return weight(instance.getMetadata(), instance.getUri());
	}

	static int weight(Map<String, String> metadata, Object instance) {
		String value = metadata.get(WEIGHT_METADATA);
		if (value == null) {
			return 1;
		}
		try {
			int weight = Integer.parseInt(value.trim());
			if (weight > 0) {
				return weight;
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		throw new IllegalArgumentException(
				"Instance " + instance + " has weight '" + value + "'; a weight is a positive integer");
	}

}
