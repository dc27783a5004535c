package org.dsplatform.bench.load;

import java.util.Objects;

/**
 * Decides the request each call of a run sends, so that calls can differ (a key each, a
 * body each) while the run stays the same.
 * <p>
 * The generator calls {@link #next(long)} once for every request it sends, just before
 * sending it, from its event loop threads and its pacing thread at the same time: an
 * implementation must be thread-safe, cheap, and must not block, or it becomes part of
 * what the run measures. A request the supplier fails to make (it throws) is not sent and
 * counts as an error named after the exception.
 */
@FunctionalInterface
public interface RequestSupplier {

	/**
	 * The request to send as the run's {@code sequence}th.
	 * @param sequence the request's number in the run, from 0, the same number that picks
	 * its target round robin; every number is asked for at most once per run
	 * @return the request
	 */
	BenchRequest next(long sequence);

	/**
	 * The same request for every call.
	 * @param request the request
	 * @return a supplier that always answers {@code request}
	 */
	static RequestSupplier always(BenchRequest request) {
		Objects.requireNonNull(request, "request");
		return (sequence) -> request;
	}

}
