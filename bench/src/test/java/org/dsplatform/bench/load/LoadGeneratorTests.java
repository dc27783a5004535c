package org.dsplatform.bench.load;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

class LoadGeneratorTests {

	private static final BenchRequest INFO = BenchRequest.get("/info");

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
	void countsErrorsByKind() throws Exception {
		try (LocalHttpServer failing = LocalHttpServer.start(4, (request) -> 500)) {
			URI nobody = URI.create("http://127.0.0.1:" + LocalHttpServer.unusedPort());

			RunResult result = generator.run(LoadSpec.of(List.of(failing.uri(), nobody), INFO, Load.open(100, 4),
					Duration.ZERO, Duration.ofMillis(1000)));

			assertThat(result.requests()).isEqualTo(100);
			assertThat(result.errors()).isEqualTo(100);
			assertThat(result.throughput()).isZero();
			assertThat(result.errorsByKind()).containsOnly(entry("HTTP 500", 50L), entry("ConnectException", 50L));
		}
	}

	@Test
	void endsOnTimeAgainstAServerThatNeverAnswers() throws Exception {
		try (LocalHttpServer server = LocalHttpServer.hanging()) {
			long started = System.nanoTime();
			RunResult result = generator
				.run(LoadSpec.of(List.of(server.uri()), INFO, Load.closed(4), Duration.ZERO, Duration.ofMillis(1000)));
			Duration took = Duration.ofNanos(System.nanoTime() - started);

			// 1 s of run, 1 s of drain, and room for a slow machine; far below the 10 s
			// request timeout.
			assertThat(took).isLessThan(Duration.ofMillis(3500));
			assertThat(result.requests()).isEqualTo(4);
			assertThat(result.errorsByKind()).containsOnly(entry("cut off at end of run", 4L));
		}
	}

	@Test
	void countsRequestsSlowerThanTheTimeoutAsTimeouts() throws Exception {
		try (LocalHttpServer server = LocalHttpServer.start(16, (request) -> {
			Thread.sleep(2000);
			return 200;
		})) {
			RunResult result = generator
				.run(LoadSpec.of(List.of(server.uri()), INFO, Load.closed(2), Duration.ZERO, Duration.ofMillis(1000))
					.withRequestTimeout(Duration.ofMillis(300)));

			assertThat(result.successes()).isZero();
			assertThat(result.errorsByKind().keySet()).contains("TimeoutException")
				.isSubsetOf("TimeoutException", "cut off at end of run");
			assertThat(result.errorsByKind().get("TimeoutException")).isGreaterThanOrEqualTo(4);
		}
	}

	@Test
	void leavesTheWarmupOutOfTheResult() throws Exception {
		try (LocalHttpServer server = LocalHttpServer.ok()) {
			RunResult result = generator.run(LoadSpec.of(List.of(server.uri()), INFO, Load.open(200, 4),
					Duration.ofMillis(500), Duration.ofMillis(1000)));

			assertThat(result.errorsByKind()).isEmpty();
			assertThat(server.requests()).isEqualTo(300);
			assertThat(result.requests()).isEqualTo(200);
			assertThat(result.measured()).isEqualTo(Duration.ofMillis(1000));
		}
	}

	@Test
	void sendsTheMethodPathAndBody() throws Exception {
		try (LocalHttpServer server = LocalHttpServer.ok()) {
			RunResult result = generator.run(LoadSpec.of(List.of(URI.create(server.uri() + "/")),
					new BenchRequest("put", "/api/kv/a?x=1", "{\"value\":1}"), Load.closed(1), Duration.ZERO,
					Duration.ofMillis(200)));

			assertThat(result.errors()).isZero();
			assertThat(server.lastRequest()).satisfies((request) -> {
				assertThat(request.method()).isEqualTo("PUT");
				assertThat(request.uri()).isEqualTo("/api/kv/a?x=1");
				assertThat(request.body()).isEqualTo("{\"value\":1}");
				assertThat(request.contentType()).isEqualTo("application/json");
			});
		}
	}

	@Test
	void probeAcceptsATargetThatAnswers2xx() throws Exception {
		try (LocalHttpServer server = LocalHttpServer.start(1, (request) -> 204)) {
			assertThat(generator.probe(server.uri(), INFO, Duration.ofSeconds(2))).isEmpty();
		}
	}

	@Test
	void probeDescribesATargetThatAnswersWithAnError() throws Exception {
		try (LocalHttpServer server = LocalHttpServer.start(1, (request) -> 404)) {
			assertThat(generator.probe(server.uri(), INFO, Duration.ofSeconds(2)))
				.contains("answered HTTP 404 to GET /info");
		}
	}

	@Test
	void probeDescribesATargetThatIsNotThere() {
		URI nobody = URI.create("http://127.0.0.1:" + LocalHttpServer.unusedPort());

		assertThat(generator.probe(nobody, INFO, Duration.ofSeconds(2)))
			.hasValueSatisfying((problem) -> assertThat(problem).startsWith("is unreachable: ConnectException"));
	}

	@Test
	void probeGivesUpOnATargetThatDoesNotAnswer() throws Exception {
		try (LocalHttpServer server = LocalHttpServer.hanging()) {
			assertThat(generator.probe(server.uri(), INFO, Duration.ofMillis(300)))
				.contains("did not answer within 300 ms");
		}
	}

}
