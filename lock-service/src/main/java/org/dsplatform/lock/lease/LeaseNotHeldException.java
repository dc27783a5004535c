package org.dsplatform.lock.lease;

/**
 * The lease id does not name a live lease of that lock: it never did, it was released, or
 * it expired. Nothing was changed.
 */
public class LeaseNotHeldException extends RuntimeException {

	private final LockId lock;

	public LeaseNotHeldException(LockId lock) {
		super("That lease does not hold " + lock + " (wrong lease id, released or expired)");
		this.lock = lock;
	}

	public LockId lock() {
		return this.lock;
	}

}
