package org.dsplatform.launcher;

/**
 * A failure to start or control the local platform, with a one-line message that names
 * the cause and, where there is one, the log to read.
 */
public class LaunchException extends RuntimeException {

	public LaunchException(String message) {
		super(message);
	}

	public LaunchException(String message, Throwable cause) {
		super(message, cause);
	}

}
