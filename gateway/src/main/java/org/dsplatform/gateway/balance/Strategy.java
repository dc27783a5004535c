package org.dsplatform.gateway.balance;

import java.util.Arrays;
import java.util.Locale;

/**
 * The balancing strategies a route may name in its {@code load-balancer} metadata.
 */
public enum Strategy {

	/** Each instance in turn. */
	ROUND_ROBIN,

	/** An instance picked uniformly at random. */
	RANDOM,

	/**
	 * An instance picked at random in proportion to its {@code weight} metadata (default
	 * 1).
	 */
	WEIGHTED,

	/**
	 * The less loaded of two instances picked at random (power of two choices), load
	 * being the requests the gateway has in flight to each.
	 */
	LEAST_LOADED,

	/**
	 * The owner of the request's key on the cache ring, or the next healthy member along
	 * it.
	 */
	KEY_RING;

	/**
	 * The strategy of a configuration value such as {@code least-loaded}.
	 * @throws IllegalArgumentException naming the known values when there is no such
	 * strategy
	 */
	public static Strategy of(String name) {
		String normalized = name.trim().toUpperCase(Locale.ROOT).replace('-', '_');
		for (Strategy strategy : values()) {
			if (strategy.name().equals(normalized)) {
				return strategy;
			}
		}
		throw new IllegalArgumentException("Unknown load-balancer strategy '" + name + "'; known: "
				+ Arrays.stream(values()).map(Strategy::configName).toList());
	}

	/**
	 * The name used in configuration.
	 */
	public String configName() {
		return name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

}
