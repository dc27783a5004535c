package org.dsplatform.lock.api;

/**
 * The JSON bodies the lock endpoints accept. Every field is optional to Jackson, so that
 * a missing field is reported by the validator, by name.
 */
final class LockRequests {

	private LockRequests() {
	}

	/**
	 * {@code POST .../acquire}.
	 *
	 * @param owner who asks (a label shown to others)
	 * @param leaseMs how long the lease lasts unless renewed
	 * @param waitMs how long to wait for the lock (default 0: try once)
	 * @param fair mutexes and semaphores: wait in arrival order behind other fair waiters
	 * (default false); read-write locks ignore it (writers always queue, readers never)
	 * @param mode read-write locks only: {@code read} or {@code write}
	 */
	record Acquire(String owner, Long leaseMs, Long waitMs, Boolean fair, String mode) {

	}

	/**
	 * {@code POST .../renew}.
	 */
	record Renew(String leaseId, Long leaseMs) {

	}

	/**
	 * {@code POST .../release}.
	 */
	record Release(String leaseId) {

	}

	/**
	 * {@code POST /api/locks/semaphores/{name}}.
	 */
	record DefineSemaphore(Integer permits) {

	}

}
