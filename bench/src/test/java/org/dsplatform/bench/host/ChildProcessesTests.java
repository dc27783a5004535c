package org.dsplatform.bench.host;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class ChildProcessesTests {

	@TempDir
	Path temp;

	@Test
	void killsOnlyWhatDoesNotStopOnSigtermInTimeAndWhatItStarted() throws Exception {
		Path child = this.temp.resolve("child");
		Path stubborn = StandInBin.script(this.temp.resolve("stubborn"),
				"trap '' TERM; sleep 60 & echo $! > " + child + "; wait");
		Process stops = new ProcessBuilder("sleep", "60").start();
		Process ignoresSigterm = new ProcessBuilder(stubborn.toString()).start();
		awaitFile(child);

		long started = System.nanoTime();
		List<Integer> killed = ChildProcesses.stop(List.of(stops, ignoresSigterm), Duration.ofMillis(500));

		assertThat(killed).containsExactly(1);
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
		assertThat(stops.isAlive()).isFalse();
		assertThat(ignoresSigterm.isAlive()).isFalse();
		// A signal takes effect a moment after it is sent.
		ProcessHandle.of(Long.parseLong(Files.readString(child).strip())).ifPresent(ChildProcessesTests::awaitExit);
	}

	private static void awaitExit(ProcessHandle process) {
		assertThat(process.onExit()).succeedsWithin(Duration.ofSeconds(5));
	}

	private static void awaitFile(Path file) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
		while (!Files.exists(file) && System.nanoTime() < deadline) {
			Thread.sleep(10);
		}
		assertThat(file).exists();
	}

}
