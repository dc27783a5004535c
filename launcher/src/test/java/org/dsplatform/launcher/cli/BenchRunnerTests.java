package org.dsplatform.launcher.cli;

import java.nio.file.Path;
import java.util.List;

import org.dsplatform.launcher.Topology;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BenchRunnerTests {

	private final Path runDir = Path.of("run").toAbsolutePath();

	private final BenchRunner runner = new BenchRunner(Path.of("."), this.runDir, Topology.defaults());

	@Test
	void aimsAScenarioAtThePlatformsEndpoints() {
		assertThat(this.runner.arguments("locks", List.of("--duration=5s"))).containsExactly("locks",
				"--gateway=http://127.0.0.1:8080", "--locks=http://127.0.0.1:8301,http://127.0.0.1:8302",
				"--redis=redis://127.0.0.1:6390", "--report-dir=" + this.runDir.resolve("bench"), "--duration=5s");
	}

	@Test
	void leavesOutAnEndpointTheUserNamed() {
		assertThat(this.runner.arguments("gateway-overhead",
				List.of("--direct=http://127.0.0.1:8301", "--path=/api/locks/info")))
			.containsExactly("gateway-overhead", "--gateway=http://127.0.0.1:8080",
					"--report-dir=" + this.runDir.resolve("bench"), "--direct=http://127.0.0.1:8301",
					"--path=/api/locks/info");
		assertThat(this.runner.arguments("kv", List.of("--kv", "http://127.0.0.1:9999"))).containsExactly("kv",
				"--report-dir=" + this.runDir.resolve("bench"), "--kv", "http://127.0.0.1:9999");
	}

}
