package org.dsplatform.lock.api;

/**
 * Nothing to show: the lock is not held, or the semaphore is not defined. Answered with
 * 404.
 */
class LockNotFoundException extends RuntimeException {

	LockNotFoundException(String message) {
		super(message);
	}

}
