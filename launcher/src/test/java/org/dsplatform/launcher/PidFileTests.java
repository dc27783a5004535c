package org.dsplatform.launcher;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class PidFileTests {

	@Test
	void findsTheProcessItRecorded(@TempDir Path dir) {
		PidFile pidFile = new PidFile(dir, "me");
		pidFile.write(ProcessHandle.current());
		assertThat(pidFile.process()).contains(ProcessHandle.current());
	}

	@Test
	void ignoresAPidNowUsedByAnotherProcess(@TempDir Path dir) throws Exception {
		PidFile pidFile = new PidFile(dir, "recycled");
		long anHourBeforeThisProcessStarted = ProcessHandle.current().info().startInstant().orElseThrow().toEpochMilli()
				- 3_600_000;
		Files.createDirectories(dir.resolve("pids"));
		Files.writeString(dir.resolve("pids/recycled.pid"),
				ProcessHandle.current().pid() + " " + anHourBeforeThisProcessStarted);
		assertThat(pidFile.process()).isEmpty();
	}

	@Test
	void ignoresAProcessThatHasExited(@TempDir Path dir) throws Exception {
		Process process = new ProcessBuilder("true").start();
		ProcessHandle handle = process.toHandle();
		PidFile pidFile = new PidFile(dir, "gone");
		pidFile.write(handle);
		process.waitFor();
		assertThat(pidFile.process()).isEmpty();
	}

	@Test
	void meansNothingRunsWhenMissingOrDeleted(@TempDir Path dir) {
		PidFile pidFile = new PidFile(dir, "never");
		assertThat(pidFile.process()).isEmpty();
		pidFile.write(ProcessHandle.current());
		pidFile.delete();
		assertThat(pidFile.process()).isEmpty();
	}

}
