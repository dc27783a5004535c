package org.dsplatform.bench.load;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import reactor.netty.http.client.HttpClient;

/**
 * A closed-loop run: {@code concurrency} workers, each sending its next request from the
 * completion of the previous one, on the event loop that completed it; no thread per
 * worker.
 */
final class ClosedLoopRun extends LoadRun {

	private final int concurrency;

	private final AtomicLong sequence = new AtomicLong();

	ClosedLoopRun(LoadSpec spec, HttpClient client, Load.ClosedLoop load) {
		super(spec, client);
		this.concurrency = load.concurrency();
	}

	@Override
	void issue() {
		for (int i = 0; i < this.concurrency; i++) {
			new Worker().run();
		}
		long left;
		while ((left = this.endNanos - System.nanoTime()) > 0) {
			try {
				TimeUnit.NANOSECONDS.sleep(left);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	/**
	 * One caller. A request that fails at once completes inside {@code send}, so the
	 * worker trampolines instead of recursing: a re-entrant call only bumps
	 * {@code pending} and the outer loop sends again.
	 */
	private final class Worker implements Runnable {

		private final AtomicInteger pending = new AtomicInteger();

		@Override
		public void run() {
			if (this.pending.getAndIncrement() != 0) {
				return;
			}
			do {
				long now = System.nanoTime();
				if (now - ClosedLoopRun.this.endNanos < 0) {
					send(ClosedLoopRun.this.sequence.getAndIncrement(), now, this);
				}
			}
			while (this.pending.decrementAndGet() != 0);
		}

	}

}
