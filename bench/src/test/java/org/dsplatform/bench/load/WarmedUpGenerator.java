package org.dsplatform.bench.load;

import java.time.Duration;
import java.util.List;

/**
 * A load generator whose code the JIT has already compiled. In a fresh JVM the first
 * requests run interpreted and take tens of milliseconds each, which would swamp the
 * short runs the tests can afford.
 */
final class WarmedUpGenerator {

	private WarmedUpGenerator() {
	}

	static LoadGenerator create() {
		LoadGenerator generator = new LoadGenerator();
		try (LocalHttpServer server = LocalHttpServer.ok()) {
			BenchRequest request = BenchRequest.get("/warm-up");
			generator.run(
					LoadSpec.of(List.of(server.uri()), request, Load.closed(4), Duration.ZERO, Duration.ofMillis(400)));
			generator.run(LoadSpec.of(List.of(server.uri()), request, Load.open(500, 4), Duration.ZERO,
					Duration.ofMillis(200)));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return generator;
	}

}
