package org.dsplatform.lock.fencing;

/**
 * No fencing epoch could be obtained, so no lease can be granted until one can: granting
 * under a guessed epoch could hand out a token that is not larger than one already in
 * use.
 */
public class EpochUnavailableException extends RuntimeException {

	public EpochUnavailableException(String message) {
		super(message);
	}

	public EpochUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

}
