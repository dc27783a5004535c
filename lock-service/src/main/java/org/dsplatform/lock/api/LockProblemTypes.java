package org.dsplatform.lock.api;

import java.net.URI;

import org.dsplatform.common.problem.ProblemTypes;

/**
 * The lock service's problem types, in addition to {@link ProblemTypes}. Stable: clients
 * may branch on them.
 */
public final class LockProblemTypes {

	/**
	 * 409: the lock was not granted within {@code waitMs}. Members {@code owner} and
	 * {@code expiresAt} name the holder whose lease ends first (absent when the lock is
	 * promised to earlier fair waiters).
	 */
	public static final URI LOCK_CONFLICT = URI.create("/problems/lock-conflict");

	/**
	 * 409: renew or release with a lease id that does not hold the lock (never did,
	 * released, or expired). The lock was not changed.
	 */
	public static final URI LOCK_NOT_HELD = URI.create("/problems/lock-not-held");

	/**
	 * 409: the semaphore exists with another number of permits, given in member
	 * {@code permits}.
	 */
	public static final URI SEMAPHORE_EXISTS = URI.create("/problems/semaphore-exists");

	/**
	 * 503: Redis did not answer; nothing was granted. Retry after {@code Retry-After}
	 * seconds.
	 */
	public static final URI REDIS_UNAVAILABLE = URI.create("/problems/redis-unavailable");

	/**
	 * 503: Redis lost its fencing state (it restarted) and no new fencing epoch could be
	 * obtained from the KV store; nothing was granted. Retry after {@code Retry-After}
	 * seconds.
	 */
	public static final URI EPOCH_UNAVAILABLE = URI.create("/problems/epoch-unavailable");

	private LockProblemTypes() {
	}

}
