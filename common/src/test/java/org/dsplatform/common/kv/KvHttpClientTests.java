package org.dsplatform.common.kv;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import org.dsplatform.common.testing.HttpStandIns;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.dsplatform.common.testing.HttpStandIns.answer;
import static org.dsplatform.common.testing.HttpStandIns.sleep;

/**
 * Failing over between kv nodes, against HTTP servers standing in for them.
 */
class KvHttpClientTests {

	private final HttpStandIns nodes = new HttpStandIns();

	@AfterEach
	void stopNodes() {
		this.nodes.close();
	}

	@Test
	void aCallTriesEveryNodeOnceWhateverTheCallsMadeMeanwhile() throws Exception {
		AtomicInteger unavailableHits = new AtomicInteger();
		URI unavailable = this.nodes.start((exchange) -> {
			unavailableHits.incrementAndGet();
			sleep(500);
			answer(exchange, 503, "{\"status\":503}");
		});
		String record = "{\"key\":\"k\",\"value\":\"v\",\"version\":1,\"modRevision\":4}";
		KvHttpClient client = new KvHttpClient(
				List.of(unavailable, this.nodes.start((exchange) -> answer(exchange, 200, record)),
						this.nodes.start((exchange) -> answer(exchange, 200, record))),
				Duration.ofSeconds(5));

		CompletableFuture<Optional<KvHttpClient.Entry>> first = CompletableFuture.supplyAsync(() -> client.get("k"));
		await().atMost(Duration.ofSeconds(5)).until(() -> unavailableHits.get() == 1);
		// Two calls while the first waits for the unavailable node: they take the next
		// two nodes, and the first's next attempt must not come back to where it failed.
		assertThat(client.get("k")).isPresent();
		assertThat(client.get("k")).isPresent();

		assertThat(first.get()).hasValueSatisfying((entry) -> assertThat(entry.modRevision()).isEqualTo(4));
		assertThat(unavailableHits).hasValue(1);
	}

	@Test
	void endsAWatchWhoseStreamFallsSilentAndKeepsOneThatHeartbeats() throws Exception {
		// One node opens the stream and then says nothing, as a paused node does; the
		// other sends a heartbeat every 100 ms for a second, then closes the stream.
		URI silent = this.nodes.start((exchange) -> {
			exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
			exchange.sendResponseHeaders(200, 0);
			exchange.getResponseBody().write(": opened\n\n".getBytes(StandardCharsets.UTF_8));
			exchange.getResponseBody().flush();
			sleep(30_000);
		});
		URI beating = this.nodes.start((exchange) -> {
			exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
			exchange.sendResponseHeaders(200, 0);
			for (int i = 0; i < 10; i++) {
				exchange.getResponseBody().write(":heartbeat\n\n".getBytes(StandardCharsets.UTF_8));
				exchange.getResponseBody().flush();
				sleep(100);
			}
			exchange.close();
		});
		Duration silenceLimit = Duration.ofMillis(500);

		long started = System.nanoTime();
		new KvHttpClient(List.of(silent), Duration.ofSeconds(5), silenceLimit).watch("", 1, (change) -> {
		}, (stream) -> {
		});
		long silentMillis = (System.nanoTime() - started) / 1_000_000;
		started = System.nanoTime();
		new KvHttpClient(List.of(beating), Duration.ofSeconds(5), silenceLimit).watch("", 1, (change) -> {
		}, (stream) -> {
		});
		long beatingMillis = (System.nanoTime() - started) / 1_000_000;

		assertThat(silentMillis).isBetween(400L, 5_000L);
		assertThat(beatingMillis).isGreaterThanOrEqualTo(900L);
	}

}
