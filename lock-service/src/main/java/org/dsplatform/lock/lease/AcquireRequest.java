package org.dsplatform.lock.lease;

import java.time.Duration;
import java.util.Objects;

/**
 * A request for a lease.
 *
 * @param lock the lock
 * @param owner who asks, as the client names itself; shown to others, never checked
 * @param mode what to take; it must fit the primitive
 * @param lease how long the lease lasts unless renewed
 * @param maxWait how long to wait for the lock; zero tries once
 * @param fair whether to queue in arrival order behind other fair waiters (mutexes and
 * semaphores; on a read-write lock, write requests always queue and read requests never
 * do, so that readers cannot overtake a queued writer)
 */
public record AcquireRequest(LockId lock, String owner, LeaseMode mode, Duration lease, Duration maxWait,
		boolean fair) {

	public AcquireRequest {
		Objects.requireNonNull(lock, "lock");
		Objects.requireNonNull(owner, "owner");
		Objects.requireNonNull(mode, "mode");
		if (!mode.fits(lock.primitive())) {
			throw new IllegalArgumentException("A " + lock.primitive().code() + " cannot be taken in mode " + mode);
		}
		if (lease.toMillis() < 1) {
			throw new IllegalArgumentException("A lease lasts at least 1 ms");
		}
		if (maxWait.isNegative()) {
			throw new IllegalArgumentException("The wait cannot be negative");
		}
	}

	/**
	 * Whether the request queues in arrival order.
	 */
	boolean queues() {
		return this.mode == LeaseMode.WRITE || (this.fair && this.mode != LeaseMode.READ);
	}

}
