package org.dsplatform.launcher;

/**
 * What one process of the platform is doing now.
 *
 * @param name the process name
 * @param pid its pid, or -1 when it is not running
 * @param url where it is reached
 * @param state its state
 */
public record ProcessStatus(String name, long pid, String url, State state) {

	public enum State {

		/** Running and passing its readiness check. */
		READY,
		/** Running but not (yet) ready. */
		NOT_READY,
		/** Not running. */
		STOPPED

	}

}
