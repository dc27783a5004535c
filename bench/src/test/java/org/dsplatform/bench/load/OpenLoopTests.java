package org.dsplatform.bench.load;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

class OpenLoopTests {

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
	void sendsAtTheAskedRate() throws Exception {
		try (LocalHttpServer server = LocalHttpServer.ok()) {
			RunResult result = generator.run(LoadSpec.of(List.of(server.uri()), INFO, Load.open(400, 8),
					Duration.ofMillis(500), Duration.ofMillis(2000)));

			assertThat(result.requests()).isEqualTo(800);
			assertThat(result.errorsByKind()).isEmpty();
			assertThat(result.throughput()).isEqualTo(400.0);
			// The server's own view: each half second after the warm-up receives its 200
			// requests, give or take.
			List<Long> arrivals = server.arrivals();
			long first = arrivals.get(0);
			long half = TimeUnit.MILLISECONDS.toNanos(500);
			for (int slot = 1; slot <= 4; slot++) {
				long from = first + slot * half;
				long count = arrivals.stream().filter((t) -> t >= from && t < from + half).count();
				assertThat(count).as("requests arriving in half second %d", slot).isBetween(160L, 240L);
			}
		}
	}

	@Test
	void measuresLatencyFromTheIntendedStartSoAStallShowsInThePercentiles() throws Exception {
		Duration warmup = Duration.ofMillis(500);
		Duration duration = Duration.ofMillis(2000);
		RunResult closed;
		try (LocalHttpServer server = stallingServer()) {
			closed = generator.run(LoadSpec.of(List.of(server.uri()), INFO, Load.closed(1), warmup, duration));
		}
		RunResult open;
		try (LocalHttpServer server = stallingServer()) {
			// Fewer connections than the stall backs up: the rest wait in the client, and
			// must be counted too.
			open = generator.run(LoadSpec.of(List.of(server.uri()), INFO, Load.open(200, 16), warmup, duration));
		}

		// A closed loop sends nothing while it waits, so the stall is 3 slow requests
		// among thousands.
		assertThat(closed.errorsByKind()).isEmpty();
		assertThat(closed.p99()).isLessThan(100.0);
		assertThat(closed.max()).isBetween(150.0, 400.0);
		// At 200 req/s, the 120 requests due during the 600 ms stall queue behind it: up
		// to 600 ms, three times anything the server took for one request.
		assertThat(open.errorsByKind()).isEmpty();
		assertThat(open.requests()).isEqualTo(400);
		assertThat(open.p90()).isGreaterThan(250.0);
		assertThat(open.p99()).isGreaterThan(400.0);
		assertThat(open.max()).isLessThan(1000.0);
	}

	@Test
	void countsRequestsDueBeyondTheOutstandingBoundAsNotSent() throws Exception {
		try (LocalHttpServer server = LocalHttpServer.hanging()) {
			long started = System.nanoTime();
			RunResult result = generator.run(LoadSpec.of(List.of(server.uri()), INFO, new Load.OpenLoop(100, 10, 10),
					Duration.ZERO, Duration.ofMillis(1000)));
			Duration took = Duration.ofNanos(System.nanoTime() - started);

			assertThat(result.requests()).isEqualTo(100);
			assertThat(result.errorsByKind()).containsOnly(entry("not sent (too many outstanding)", 90L),
					entry("cut off at end of run", 10L));
			assertThat(server.maxInFlight()).isEqualTo(10);
			assertThat(took).isLessThan(Duration.ofMillis(1000 + 1000 + 1500));
		}
	}

	/**
	 * A server that answers one request at a time, at once, except that every request it
	 * starts on between 1.0 s and 1.6 s after its first takes 200 ms: a 600 ms stall, as
	 * a GC pause or a lost lock would cause. (With one thread, the server only sees a
	 * request when it starts on it.)
	 */
	private static LocalHttpServer stallingServer() {
		long stallFrom = TimeUnit.MILLISECONDS.toNanos(1000);
		long stallTo = TimeUnit.MILLISECONDS.toNanos(1600);
		return LocalHttpServer.start(1, (request) -> {
			if (request.sinceFirstNanos() >= stallFrom && request.sinceFirstNanos() < stallTo) {
				Thread.sleep(200);
			}
			return 200;
		});
	}

}
