package org.dsplatform.lock.lease;

/**
 * The semaphore is already defined with another number of permits; it was left as it is.
 */
public class SemaphoreExistsException extends RuntimeException {

	private final int permits;

	public SemaphoreExistsException(String name, int permits) {
		super("Semaphore '" + name + "' already exists with " + permits + " permits");
		this.permits = permits;
	}

	public int permits() {
		return this.permits;
	}

}
