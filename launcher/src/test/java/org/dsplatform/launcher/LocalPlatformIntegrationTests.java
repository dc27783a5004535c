package org.dsplatform.launcher;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The launcher's failure paths against real processes: a start that cannot succeed says
 * why in one line and leaves nothing running.
 */
class LocalPlatformIntegrationTests {

	private static final Path ROOT = Path.of(System.getProperty("platform.root", "..")).toAbsolutePath();

	@Test
	void refusesToStartWhenAPortIsTakenAndStartsNothing(@TempDir Path runDir) throws Exception {
		Topology topology = Topology.onFreePorts(3, 3, 2);
		try (ServerSocket taken = new ServerSocket()) {
			taken.bind(new InetSocketAddress(topology.cachePorts().get(1)));
			LocalPlatform platform = LocalPlatform.create(ROOT, runDir, topology,
					LocalPlatform.QUICK_START_JVM_OPTIONS);
			assertThatExceptionOfType(LaunchException.class)
				.isThrownBy(() -> platform.start(StartupListener.NONE, Duration.ofSeconds(60)))
				.withMessageContaining("Port " + topology.cachePorts().get(1))
				.withMessageContaining("cache-2")
				.withMessageContaining("already in use");
			assertThat(platform.isRunning()).isFalse();
		}
	}

	@Test
	void stopsWhatItStartedWhenAProcessDiesWhileStarting(@TempDir Path runDir) {
		Topology topology = Topology.onFreePorts(3, 3, 2);
		// Every JVM the launcher starts refuses this option and exits at once; Redis,
		// which is no JVM, starts.
		LocalPlatform platform = LocalPlatform.create(ROOT, runDir, topology, List.of("-XX:+NoSuchJvmOption"));
		assertThatExceptionOfType(LaunchException.class)
			.isThrownBy(() -> platform.start(StartupListener.NONE, Duration.ofSeconds(60)))
			.withMessageContaining("Kafka")
			.withMessageContaining(runDir.resolve("logs").resolve("kafka.log").toString());
		assertThat(platform.isRunning()).isFalse();
		assertThat(platform.status())
			.allSatisfy((status) -> assertThat(status.state()).isEqualTo(ProcessStatus.State.STOPPED));
		assertThat(portIsFree(topology.redisPort())).as("Redis was stopped").isTrue();
	}

	@Test
	void rejectsAnUnknownProcessName(@TempDir Path runDir) {
		LocalPlatform platform = LocalPlatform.create(ROOT, runDir, Topology.onFreePorts(3, 3, 2),
				LocalPlatform.QUICK_START_JVM_OPTIONS);
		assertThatExceptionOfType(LaunchException.class).isThrownBy(() -> platform.kill("kv-9"))
			.withMessageContaining("No process named 'kv-9'")
			.withMessageContaining("kv-1");
	}

	private static boolean portIsFree(int port) {
		try (ServerSocket socket = new ServerSocket()) {
			socket.bind(new InetSocketAddress(port));
			return true;
		}
		catch (Exception ex) {
			return false;
		}
	}

}
