package org.dsplatform.lock.lease;

import java.time.Duration;
import java.time.Instant;

/**
 * The lock was not granted within the wait. Names the holder whose lease ends first; both
 * are {@code null} when the lock had room but was promised to earlier fair waiters.
 */
public class LockConflictException extends RuntimeException {

	private final LockId lock;

	private final String holderOwner;

	private final Instant holderExpiresAt;

	private final Duration waited;

	public LockConflictException(LockId lock, String holderOwner, Instant holderExpiresAt, Duration waited) {
		super(lock + " was not granted within " + waited.toMillis() + " ms");
		this.lock = lock;
		this.holderOwner = holderOwner;
		this.holderExpiresAt = holderExpiresAt;
		this.waited = waited;
	}

	public LockId lock() {
		return this.lock;
	}

	public String holderOwner() {
		return this.holderOwner;
	}

	public Instant holderExpiresAt() {
		return this.holderExpiresAt;
	}

	public Duration waited() {
		return this.waited;
	}

}
