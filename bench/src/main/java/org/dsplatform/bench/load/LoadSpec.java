package org.dsplatform.bench.load;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One run of the load generator: what to send, where, how, and for how long.
 * <p>
 * A run lasts {@code warmup + duration}. Requests that start (for open loop: are intended
 * to start) during the warm-up are sent but not counted. When the duration is over no
 * further request starts; outstanding requests get up to {@code drain} to complete, and
 * those still outstanding then are cancelled and counted as errors. A run therefore ends
 * within {@code warmup + duration + drain} plus bookkeeping, even against a server that
 * never answers.
 *
 * @param targets the base URLs (such as {@code http://127.0.0.1:8201}), used round robin,
 * one per request
 * @param requests what each request sends
 * @param load closed or open loop
 * @param warmup the discarded start of the run
 * @param duration the measured part of the run
 * @param requestTimeout the longest one request may take, from the moment it is sent,
 * before it counts as an error
 * @param drain how long after the duration outstanding requests may still complete
 */
public record LoadSpec(List<URI> targets, RequestSupplier requests, Load load, Duration warmup, Duration duration,
		Duration requestTimeout, Duration drain) {

	/** The per-request timeout unless the caller chooses another. */
	public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);

	private static final Duration MAX_DEFAULT_DRAIN = Duration.ofSeconds(1);

	public LoadSpec {
		targets = List.copyOf(targets);
		if (targets.isEmpty()) {
			throw new IllegalArgumentException("at least one target is needed");
		}
		for (URI target : targets) {
			if (!"http".equals(target.getScheme()) || target.getHost() == null) {
				throw new IllegalArgumentException("target must be an http://host:port URL: " + target);
			}
		}
		Objects.requireNonNull(requests, "requests");
		Objects.requireNonNull(load, "load");
		requireNotNegative(warmup, "warmup");
		requireNotNegative(duration, "duration");
		requireNotNegative(drain, "drain");
		if (duration.isZero()) {
			throw new IllegalArgumentException("duration must be positive");
		}
		requireNotNegative(requestTimeout, "requestTimeout");
		if (requestTimeout.isZero()) {
			throw new IllegalArgumentException("requestTimeout must be positive");
		}
	}

	/**
	 * A run that sends the same request every time, with the
	 * {@linkplain #DEFAULT_REQUEST_TIMEOUT default request timeout} and the default
	 * drain: the request timeout, but at most one second.
	 * @param targets the base URLs, used round robin
	 * @param request the request to send
	 * @param load closed or open loop
	 * @param warmup the discarded start of the run
	 * @param duration the measured part of the run
	 * @return the run
	 */
	public static LoadSpec of(List<URI> targets, BenchRequest request, Load load, Duration warmup, Duration duration) {
		return of(targets, RequestSupplier.always(request), load, warmup, duration);
	}

	/**
	 * A run that asks the supplier for each request, with the
	 * {@linkplain #DEFAULT_REQUEST_TIMEOUT default request timeout} and the default
	 * drain: the request timeout, but at most one second.
	 * @param targets the base URLs, used round robin
	 * @param requests what each request sends
	 * @param load closed or open loop
	 * @param warmup the discarded start of the run
	 * @param duration the measured part of the run
	 * @return the run
	 */
	public static LoadSpec of(List<URI> targets, RequestSupplier requests, Load load, Duration warmup,
			Duration duration) {
		return new LoadSpec(targets, requests, load, warmup, duration, DEFAULT_REQUEST_TIMEOUT,
				defaultDrain(DEFAULT_REQUEST_TIMEOUT));
	}

	/**
	 * This run with another request timeout, and the default drain for it.
	 * @param requestTimeout the longest one request may take
	 * @return the changed run
	 */
	public LoadSpec withRequestTimeout(Duration requestTimeout) {
		return new LoadSpec(this.targets, this.requests, this.load, this.warmup, this.duration, requestTimeout,
				defaultDrain(requestTimeout));
	}

	/**
	 * This run with another drain.
	 * @param drain how long after the duration outstanding requests may still complete
	 * @return the changed run
	 */
	public LoadSpec withDrain(Duration drain) {
		return new LoadSpec(this.targets, this.requests, this.load, this.warmup, this.duration, this.requestTimeout,
				drain);
	}

	private static Duration defaultDrain(Duration requestTimeout) {
		return (requestTimeout.compareTo(MAX_DEFAULT_DRAIN) < 0) ? requestTimeout : MAX_DEFAULT_DRAIN;
	}

	private static void requireNotNegative(Duration value, String name) {
		Objects.requireNonNull(value, name);
		if (value.isNegative()) {
			throw new IllegalArgumentException(name + " must not be negative: " + value);
		}
	}

}
