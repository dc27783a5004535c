package org.dsplatform.lock.fencing;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongUnaryOperator;

/**
 * An epoch source for tests: a counter in memory that outlives the lock managers and the
 * Redis instances a test creates, as the KV store outlives them in production. Tests may
 * make it fail or go backwards.
 */
public final class CountingEpochSource implements EpochSource {

	private final AtomicLong last;

	private final AtomicInteger calls = new AtomicInteger();

	private volatile LongUnaryOperator next = (epoch) -> epoch + 1;

	private volatile RuntimeException failure;

	public CountingEpochSource(long start) {
		this.last = new AtomicLong(start);
	}

	@Override
	public CompletableFuture<Long> nextEpoch() {
		this.calls.incrementAndGet();
		RuntimeException failing = this.failure;
		if (failing != null) {
			return CompletableFuture.failedFuture(failing);
		}
		return CompletableFuture.completedFuture(this.last.updateAndGet(this.next));
	}

	/** How often an epoch was asked for. */
	public int calls() {
		return this.calls.get();
	}

	public long last() {
		return this.last.get();
	}

	public void failWith(RuntimeException failure) {
		this.failure = failure;
	}

	/** Makes the next epochs come from {@code next} applied to the last one. */
	public void answerWith(LongUnaryOperator next) {
		this.next = next;
	}

}
