package org.dsplatform.bench.load;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one run measured, warm-up excluded.
 * <p>
 * Latency percentiles are of the successful requests only; closed-loop latency counts
 * from the moment a request was sent, open-loop latency from the moment it was intended
 * to be sent.
 *
 * @param requests the requests counted: all that started (open loop: were due) after the
 * warm-up, errors included
 * @param errors the requests that got no 2xx answer, were not sent, timed out or were cut
 * off at the end
 * @param errorsByKind the errors by kind, such as {@code HTTP 503} or
 * {@code ConnectException}, most frequent first
 * @param measured the measured duration, the one throughput is computed over
 * @param throughput successful requests per second
 * @param p50 the median latency, in milliseconds
 * @param p90 the 90th percentile latency, in milliseconds
 * @param p99 the 99th percentile latency, in milliseconds
 * @param p999 the 99.9th percentile latency, in milliseconds
 * @param max the highest latency, in milliseconds
 */
public record RunResult(long requests, long errors, Map<String, Long> errorsByKind, Duration measured,
		double throughput, double p50, double p90, double p99, double p999, double max) {

	public RunResult {
		errorsByKind = Collections.unmodifiableMap(new LinkedHashMap<>(errorsByKind));
	}

	/**
	 * The requests that got a 2xx answer.
	 * @return {@code requests - errors}
	 */
	public long successes() {
		return this.requests - this.errors;
	}

}
