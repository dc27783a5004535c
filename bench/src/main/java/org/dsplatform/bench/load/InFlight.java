package org.dsplatform.bench.load;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The count of outstanding requests, bounded, with a wait for it to reach zero. The hot
 * path is one atomic update; the monitor is only touched when the count reaches zero
 * while someone waits for that.
 */
final class InFlight {

	private final AtomicInteger count = new AtomicInteger();

	private final Object zero = new Object();

	private volatile boolean awaited;

	boolean tryAcquire(int max) {
		int current;
		do {
			current = this.count.get();
			if (current >= max) {
				return false;
			}
		}
		while (!this.count.compareAndSet(current, current + 1));
		return true;
	}

	void release() {
		if (this.count.decrementAndGet() == 0 && this.awaited) {
			synchronized (this.zero) {
				this.zero.notifyAll();
			}
		}
	}

	int get() {
		return this.count.get();
	}

	/**
	 * Waits until nothing is outstanding or the deadline has passed.
	 * @param deadlineNanos the {@link System#nanoTime()} to give up at
	 * @return whether the count reached zero; {@code false} on timeout or interruption
	 * (the interrupt stays set)
	 */
	boolean awaitZero(long deadlineNanos) {
		this.awaited = true;
		synchronized (this.zero) {
			while (this.count.get() != 0) {
				long left = deadlineNanos - System.nanoTime();
				if (left <= 0) {
					return false;
				}
				try {
					TimeUnit.NANOSECONDS.timedWait(this.zero, left);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return false;
				}
			}
			return true;
		}
	}

}
