package org.dsplatform.bench.load;

import java.util.concurrent.locks.LockSupport;

import reactor.netty.http.client.HttpClient;

/**
 * An open-loop run: the calling thread paces requests to their intended start times and
 * never waits for answers.
 * <p>
 * When the pacing falls behind (a pause of this JVM, a slow send), the overdue requests
 * go out at once and keep their intended start time, so the delay counts in their latency
 * rather than disappearing from the measurement.
 */
final class OpenLoopRun extends LoadRun {

	private final double intervalNanos;

	OpenLoopRun(LoadSpec spec, HttpClient client, Load.OpenLoop load) {
		super(spec, client);
		this.intervalNanos = 1e9 / load.ratePerSecond();
	}

	@Override
	void issue() {
		for (long i = 0;; i++) {
			long intended = this.startNanos + (long) (i * this.intervalNanos);
			if (intended - this.endNanos >= 0 || !parkUntil(intended)) {
				return;
			}
			send(i, intended, null);
		}
	}

	/**
	 * Parks until the time has come; {@code false} if interrupted, which ends the run
	 * early.
	 */
	private static boolean parkUntil(long nanoTime) {
		long left;
		while ((left = nanoTime - System.nanoTime()) > 0) {
			LockSupport.parkNanos(left);
			if (Thread.currentThread().isInterrupted()) {
				return false;
			}
		}
		return true;
	}

}
