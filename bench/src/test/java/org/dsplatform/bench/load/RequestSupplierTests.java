package org.dsplatform.bench.load;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RequestSupplierTests {

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
	void asksTheSupplierOnceForEveryRequestWithItsSequenceNumber() throws Exception {
		try (LocalHttpServer server = LocalHttpServer.ok()) {
			RunResult result = generator
				.run(LoadSpec.of(List.of(server.uri()), (sequence) -> BenchRequest.get("/items/" + sequence),
						Load.closed(4), Duration.ZERO, Duration.ofMillis(500)));

			List<String> uris = server.uris();
			assertThat(result.errorsByKind()).isEmpty();
			assertThat(uris).hasSizeGreaterThan(50).doesNotHaveDuplicates();
			assertThat(uris).containsExactlyInAnyOrderElementsOf(
					LongStream.range(0, uris.size()).mapToObj((i) -> "/items/" + i).toList());
		}
	}

	@Test
	void sendsEachSuppliedRequestToTheTargetItsSequenceNumberPicks() throws Exception {
		try (LocalHttpServer first = LocalHttpServer.ok(); LocalHttpServer second = LocalHttpServer.ok()) {
			generator.run(LoadSpec.of(List.of(first.uri(), second.uri()),
					(sequence) -> BenchRequest.put("/items/" + sequence, "{\"n\":" + sequence + "}"), Load.open(200, 4),
					Duration.ZERO, Duration.ofMillis(500)));

			assertThat(numbers(first.uris())).hasSize(50).allMatch((n) -> n % 2 == 0);
			assertThat(numbers(second.uris())).hasSize(50).allMatch((n) -> n % 2 == 1);
			LocalHttpServer.Request last = second.lastRequest();
			assertThat(last.body()).isEqualTo("{\"n\":" + last.uri().substring("/items/".length()) + "}");
			assertThat(second.lastRequest().contentType()).isEqualTo("application/json");
		}
	}

	@Test
	void countsARequestTheSupplierFailsToMakeAsAnErrorAndKeepsGoing() throws Exception {
		try (LocalHttpServer server = LocalHttpServer.ok()) {
			RunResult result = generator.run(LoadSpec.of(List.of(server.uri()), (sequence) -> {
				if (sequence % 2 == 1) {
					throw new IllegalStateException("no request for " + sequence);
				}
				return BenchRequest.get("/items/" + sequence);
			}, Load.closed(2), Duration.ZERO, Duration.ofMillis(500)));

			assertThat(result.errorsByKind().keySet()).containsExactly("IllegalStateException");
			// More successes than workers: every worker went on after a failed request.
			assertThat(result.successes()).isGreaterThan(4);
			assertThat(Math.abs(result.successes() - result.errors())).isLessThanOrEqualTo(2);
			assertThat(server.requests()).isEqualTo((int) result.successes());
		}
	}

	@Test
	void alwaysSendsTheSameRequest() {
		BenchRequest request = BenchRequest.get("/info");

		assertThat(RequestSupplier.always(request).next(0)).isSameAs(request);
		assertThat(RequestSupplier.always(request).next(12345)).isSameAs(request);
	}

	@Test
	void sendAllSendsEveryRequestOnceRoundRobin() throws Exception {
		try (LocalHttpServer first = LocalHttpServer.ok(); LocalHttpServer second = LocalHttpServer.ok()) {
			Optional<String> problem = generator.sendAll(List.of(first.uri(), second.uri()),
					(sequence) -> BenchRequest.put("/keys/" + sequence, "{}"), 200, 8, Duration.ofSeconds(5));

			assertThat(problem).isEmpty();
			assertThat(numbers(first.uris())).hasSize(100).allMatch((n) -> n % 2 == 0);
			assertThat(numbers(second.uris())).hasSize(100).allMatch((n) -> n % 2 == 1);
		}
	}

	@Test
	void sendAllKeepsTheAskedConcurrencyOutstanding() throws Exception {
		try (LocalHttpServer server = LocalHttpServer.start(32, (request) -> {
			Thread.sleep(20);
			return 200;
		})) {
			Optional<String> problem = generator.sendAll(List.of(server.uri()),
					(sequence) -> BenchRequest.get("/keys/" + sequence), 80, 8, Duration.ofSeconds(5));

			assertThat(problem).isEmpty();
			assertThat(server.requests()).isEqualTo(80);
			assertThat(server.maxInFlight()).isEqualTo(8);
		}
	}

	@Test
	void sendAllStopsAtTheFirstFailureAndNamesIt() throws Exception {
		try (LocalHttpServer server = LocalHttpServer.start(4,
				(request) -> request.uri().equals("/keys/10") ? 503 : 200)) {
			Optional<String> problem = generator.sendAll(List.of(server.uri()),
					(sequence) -> BenchRequest.get("/keys/" + sequence), 10_000, 1, Duration.ofSeconds(5));

			// With the body of the answer, which usually says why.
			assertThat(problem).contains(server.uri() + " answered HTTP 503 to GET /keys/10: {}");
			assertThat(server.requests()).isEqualTo(11);
		}
	}

	@Test
	void sendAllNamesATargetThatIsNotThere() {
		URI nobody = URI.create("http://127.0.0.1:" + LocalHttpServer.unusedPort());

		assertThat(generator.sendAll(List.of(nobody), (sequence) -> BenchRequest.get("/"), 3, 1, Duration.ofSeconds(2)))
			.hasValueSatisfying(
					(problem) -> assertThat(problem).startsWith(nobody + " is unreachable: ConnectException"));
	}

	private static Set<Long> numbers(List<String> uris) {
		return uris.stream()
			.map((uri) -> Long.parseLong(uri.substring(uri.lastIndexOf('/') + 1)))
			.collect(Collectors.toSet());
	}

}
