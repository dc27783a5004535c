package org.dsplatform.lock.lease;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The lock meters. The node tag comes from the registry's common tags.
 * <ul>
 * <li>{@code locks.grants}, {@code locks.releases}, {@code locks.expiries} by
 * {@code primitive}: expiries are counted by the node whose script reaped the lease;</li>
 * <li>{@code locks.conflicts} by {@code primitive} and {@code reason} ({@code timeout}:
 * not granted within the wait, {@code not-held}: renew or release with a lease id that
 * holds nothing);</li>
 * <li>{@code locks.wait} timer by {@code primitive} and {@code outcome} ({@code granted},
 * {@code timeout}, {@code failed}, {@code cancelled}), with a histogram;</li>
 * <li>{@code locks.epoch.changes}: new fencing epochs this node installed.</li>
 * </ul>
 */
final class LockMetrics {

	private final MeterRegistry registry;

	private final Map<Primitive, Counter> grants = new EnumMap<>(Primitive.class);

	private final Map<Primitive, Counter> releases = new EnumMap<>(Primitive.class);

	private final Map<Primitive, Counter> expiries = new EnumMap<>(Primitive.class);

	private final Counter epochChanges;

	LockMetrics(MeterRegistry registry) {
		this.registry = registry;
		for (Primitive primitive : Primitive.values()) {
			this.grants.put(primitive, counter("locks.grants", "Leases granted", primitive));
			this.releases.put(primitive, counter("locks.releases", "Leases released by their holder", primitive));
			this.expiries.put(primitive, counter("locks.expiries", "Leases that ended without renewal", primitive));
		}
		this.epochChanges = Counter.builder("locks.epoch.changes")
			.description("New fencing epochs installed by this node")
			.register(registry);
	}

	private Counter counter(String name, String description, Primitive primitive) {
		return Counter.builder(name)
			.description(description)
			.tag("primitive", primitive.code())
			.register(this.registry);
	}

	void granted(Primitive primitive) {
		this.grants.get(primitive).increment();
	}

	void released(Primitive primitive) {
		this.releases.get(primitive).increment();
	}

	void expired(Primitive primitive, long count) {
		if (count > 0) {
			this.expiries.get(primitive).increment(count);
		}
	}

	void conflict(Primitive primitive, String reason) {
		Counter.builder("locks.conflicts")
			.description("Requests answered with a conflict")
			.tag("primitive", primitive.code())
			.tag("reason", reason)
			.register(this.registry)
			.increment();
	}

	void waited(Primitive primitive, String outcome, Duration duration) {
		Timer.builder("locks.wait")
			.description("Time from an acquire request to its answer")
			.tag("primitive", primitive.code())
			.tag("outcome", outcome)
			.publishPercentileHistogram()
			.register(this.registry)
			.record(duration);
	}

	void epochChanged() {
		this.epochChanges.increment();
	}

}
