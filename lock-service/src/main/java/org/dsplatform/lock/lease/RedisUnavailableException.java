package org.dsplatform.lock.lease;

/**
 * Redis did not answer (in time). The operation may or may not have taken effect in Redis
 * if the failure came after the command was sent; a grant is only ever reported when
 * Redis answered it.
 */
public class RedisUnavailableException extends RuntimeException {

	public RedisUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

}
