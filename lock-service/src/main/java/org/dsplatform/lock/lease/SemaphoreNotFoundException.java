package org.dsplatform.lock.lease;

/**
 * A semaphore must be defined (with its number of permits) before it is used.
 */
public class SemaphoreNotFoundException extends RuntimeException {

	public SemaphoreNotFoundException(String name) {
		super("No semaphore named '" + name + "' is defined");
	}

}
