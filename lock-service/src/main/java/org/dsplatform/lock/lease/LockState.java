package org.dsplatform.lock.lease;

import java.util.List;

/**
 * What a lock looks like now.
 *
 * @param lock the lock
 * @param holderCount how many live leases it has
 * @param holders the first of them, in order of expiry (the list is bounded)
 * @param waiters how many requests wait for it, on every node
 * @param permits a semaphore's permits, or -1 (not a semaphore, or not defined)
 */
public record LockState(LockId lock, int holderCount, List<Holder> holders, int waiters, int permits) {

	public LockState {
		holders = List.copyOf(holders);
	}

}
