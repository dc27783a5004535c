package org.dsplatform.common.kv;

/**
 * The key-value store could not be reached, or answered with an unexpected status.
 */
public class KvUnavailableException extends RuntimeException {

	public KvUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

}
