package org.dsplatform.lock.lease;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * What went wrong behind the wrappers that futures put around a failure.
 */
public final class Failures {

	private Failures() {
	}

	/**
	 * The failure inside any {@link CompletionException} and {@link ExecutionException}
	 * layers.
	 */
	public static Throwable unwrap(Throwable failure) {
		Throwable cause = failure;
		while ((cause instanceof CompletionException || cause instanceof ExecutionException)
				&& cause.getCause() != null) {
			cause = cause.getCause();
		}
		return cause;
	}

}
