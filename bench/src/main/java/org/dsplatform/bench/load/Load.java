package org.dsplatform.bench.load;

import java.util.Locale;

/**
 * How a run offers load: a fixed number of callers that each wait for their answer
 * ({@link ClosedLoop}), or a fixed arrival rate that does not wait ({@link OpenLoop}).
 */
public sealed interface Load permits Load.ClosedLoop, Load.OpenLoop {

	/**
	 * The default bound on outstanding open-loop requests: beyond it the generator would
	 * only be measuring its own memory, so further requests are counted as errors instead
	 * of queued.
	 */
	int DEFAULT_MAX_OUTSTANDING = 10_000;

	static ClosedLoop closed(int concurrency) {
		return new ClosedLoop(concurrency);
	}

	static OpenLoop open(double ratePerSecond, int connections) {
		return new OpenLoop(ratePerSecond, connections, DEFAULT_MAX_OUTSTANDING);
	}

	/**
	 * The size of the connection pool to each target.
	 * @return the most connections opened to one target
	 */
	int connectionsPerTarget();

	/**
	 * The most requests the run keeps outstanding, over all targets.
	 * @return the bound on requests sent or waiting for a connection and not yet answered
	 */
	int maxOutstanding();

	/**
	 * A short description for reports, such as {@code closed-loop c=32}.
	 * @return the description
	 */
	String describe();

	/**
	 * A fixed number of workers, each sending its next request when the previous one
	 * completes, so exactly {@code concurrency} requests are in flight; the result is the
	 * throughput the targets can sustain.
	 *
	 * @param concurrency the number of requests in flight
	 */
	record ClosedLoop(int concurrency) implements Load {

		public ClosedLoop {
			if (concurrency < 1) {
				throw new IllegalArgumentException("concurrency must be at least 1: " + concurrency);
			}
		}

		@Override
		public int connectionsPerTarget() {
			// Round robin is per request, not per worker, so one target can briefly hold
			// every request.
			return this.concurrency;
		}

		@Override
		public int maxOutstanding() {
			return this.concurrency;
		}

		@Override
		public String describe() {
			return "closed-loop c=" + this.concurrency;
		}

	}

	/**
	 * Requests started at fixed intended times {@code t0 + i / rate} whether or not
	 * earlier ones have completed. Latency counts from the intended time, so a stall that
	 * delays sending shows in the percentiles instead of being omitted (coordinated
	 * omission).
	 *
	 * @param ratePerSecond the intended requests per second
	 * @param connections the connection pool size per target; requests beyond it wait for
	 * a connection, and that wait counts in their latency
	 * @param maxOutstanding the most requests outstanding at once; a request due while
	 * this many are outstanding is not sent and counts as an error
	 */
	record OpenLoop(double ratePerSecond, int connections, int maxOutstanding) implements Load {

		public OpenLoop {
			if (!(ratePerSecond > 0) || Double.isInfinite(ratePerSecond)) {
				throw new IllegalArgumentException("rate must be positive: " + ratePerSecond);
			}
			if (connections < 1) {
				throw new IllegalArgumentException("connections must be at least 1: " + connections);
			}
			if (maxOutstanding < 1) {
				throw new IllegalArgumentException("maxOutstanding must be at least 1: " + maxOutstanding);
			}
		}

		@Override
		public int connectionsPerTarget() {
			return this.connections;
		}

		@Override
		public String describe() {
			return String.format(Locale.ROOT, "open-loop %.0f req/s", this.ratePerSecond);
		}

	}

}
