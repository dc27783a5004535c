package org.dsplatform.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * Remembers a started process across invocations of the launcher by its pid and its start
 * time. The start time guards against pid reuse: a pid file never leads to stopping a
 * process the platform did not start.
 */
final class PidFile {

	private final Path file;

	PidFile(Path runDir, String name) {
		this.file = runDir.resolve("pids").resolve(name + ".pid");
	}

	void write(ProcessHandle process) {
		long started = process.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
		try {
			Files.createDirectories(this.file.getParent());
			Files.writeString(this.file, process.pid() + " " + started + "\n");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The live process this file names, if it is still the one that was started.
	 */
	Optional<ProcessHandle> process() {
		if (!Files.isRegularFile(this.file)) {
			return Optional.empty();
		}
		try {
			String[] fields = Files.readString(this.file).trim().split(" ");
			long pid = Long.parseLong(fields[0]);
			long started = Long.parseLong(fields[1]);
			return ProcessHandle.of(pid)
				.filter(ProcessHandle::isAlive)
				.filter((process) -> sameStart(process, started));
		}
		catch (IOException | RuntimeException ex) {
			return Optional.empty();
		}
	}

	void delete() {
		try {
			Files.deleteIfExists(this.file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static boolean sameStart(ProcessHandle process, long started) {
		long actual = process.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
		// The start time is read from /proc with clock-tick resolution; allow for that
		// rounding.
		return started == 0 || actual == 0 || Math.abs(actual - started) < 1000;
	}

}
