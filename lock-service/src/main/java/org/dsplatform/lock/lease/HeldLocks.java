package org.dsplatform.lock.lease;

import java.util.List;

/**
 * One page of held locks.
 *
 * @param locks held locks in name order, each with the holder whose lease ends first
 * @param truncated whether more held locks match than the page holds
 */
public record HeldLocks(List<HeldLock> locks, boolean truncated) {

	public HeldLocks {
		locks = List.copyOf(locks);
	}

	public record HeldLock(String name, Holder holder) {

	}

}
