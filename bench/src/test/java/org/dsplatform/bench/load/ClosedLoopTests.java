package org.dsplatform.bench.load;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ClosedLoopTests {

	private static LoadGenerator generator;

	@BeforeAll
	static void startGenerator() {
		generator = WarmedUpGenerator.create();
	}

	@AfterAll
	static void stopGenerator() {
		generator.close();
	}

	@Test
	void keepsExactlyTheConcurrencyInFlightAndReportsTheThroughputItAchieves() throws Exception {
		int concurrency = 8;
		// Uneven holds (20 ms on average), so that answers do not come back in lock step.
		try (LocalHttpServer server = LocalHttpServer.start(32, (request) -> {
			Thread.sleep(ThreadLocalRandom.current().nextLong(10, 31));
			return 200;
		})) {
			RunResult result = generator.run(LoadSpec.of(List.of(server.uri()), BenchRequest.get("/info"),
					Load.closed(concurrency), Duration.ofMillis(300), Duration.ofMillis(1500)));

			assertThat(server.maxInFlight()).isEqualTo(concurrency);
			// A worker is out of flight only while its answer travels back and its next
			// request out, which takes far less than the 20 ms the server holds each.
			assertThat(server.meanInFlight(Duration.ofMillis(300), Duration.ofMillis(1500)))
				.isGreaterThan(0.7 * concurrency);
			assertThat(result.errorsByKind()).isEmpty();
			// So the 8 callers get close to 8 / 20 ms = 400 req/s, and never beyond.
			assertThat(result.throughput()).isBetween(0.6 * 400, 1.05 * 400);
			assertThat(result.p50()).isBetween(10.0, 50.0);
		}
	}

	@Test
	void spreadsRequestsRoundRobinOverTheTargets() throws Exception {
		try (LocalHttpServer first = LocalHttpServer.ok(); LocalHttpServer second = LocalHttpServer.ok()) {
			RunResult result = generator.run(LoadSpec.of(List.of(first.uri(), second.uri()), BenchRequest.get("/info"),
					Load.closed(1), Duration.ZERO, Duration.ofMillis(500)));

			assertThat(result.requests()).isGreaterThan(50);
			assertThat(Math.abs(first.requests() - second.requests())).isLessThanOrEqualTo(1);
		}
	}

}
