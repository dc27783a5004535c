package org.dsplatform.launcher;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/**
 * How to run one process of the platform and how to tell that it is ready.
 *
 * @param name the process name used by the commands ({@code kv-1}, {@code redis}, ...)
 * @param kind what the process is
 * @param command the command line, worked out when the process is launched (it needs the
 * built jars)
 * @param ports every port it listens on, checked to be free before it starts
 * @param url where it is reached
 * @param probe how readiness is checked
 */
record ProcessSpec(String name, Kind kind, Supplier<List<String>> command, List<Integer> ports, String url,
		Readiness probe) {

	enum Kind {

		REDIS, KAFKA, SERVICE

	}

	Path logFile(Path runDir) {
		return runDir.resolve("logs").resolve(this.name + ".log");
	}

}
