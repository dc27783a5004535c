package org.dsplatform.launcher;

import java.time.Duration;
import java.util.List;

/**
 * Hears how a start is going, to show progress. Called from the starting thread only.
 */
public interface StartupListener {

	StartupListener NONE = new StartupListener() {
	};

	default void started(String name, long pid) {
	}

	default void ready(String name, Duration elapsed) {
	}

	default void waiting(List<String> pending, Duration elapsed) {
	}

}
