package org.dsplatform.common.kv;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Failing over between kv nodes, against HTTP servers standing in for them.
 */
class KvHttpClientTests {

	private final List<HttpServer> servers = new ArrayList<>();

	@AfterEach
	void stopNodes() {
		this.servers.forEach((server) -> server.stop(0));
	}

	@Test
	void aCallTriesEveryNodeOnceWhateverTheCallsMadeMeanwhile() throws Exception {
		AtomicInteger unavailableHits = new AtomicInteger();
		URI unavailable = node((exchange) -> {
			unavailableHits.incrementAndGet();
			sleep(500);
			answer(exchange, 503, "{\"status\":503}");
		});
		String record = "{\"key\":\"k\",\"value\":\"v\",\"version\":1,\"modRevision\":4}";
		KvHttpClient client = new KvHttpClient(List.of(unavailable, node((exchange) -> answer(exchange, 200, record)),
				node((exchange) -> answer(exchange, 200, record))), Duration.ofSeconds(5));

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
		URI silent = node((exchange) -> {
			exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
			exchange.sendResponseHeaders(200, 0);
			exchange.getResponseBody().write(": opened\n\n".getBytes(StandardCharsets.UTF_8));
			exchange.getResponseBody().flush();
			sleep(30_000);
		});
		URI beating = node((exchange) -> {
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

	private URI node(Handler handler) throws IOException {
		HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
		server.setExecutor(Executors.newCachedThreadPool());
		server.createContext("/", handler::handle);
		server.start();
		this.servers.add(server);
		return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
	}

	private static void answer(HttpExchange exchange, int status, String json) throws IOException {
		byte[] body = json.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, body.length);
		exchange.getResponseBody().write(body);
		exchange.close();
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private interface Handler {

		void handle(HttpExchange exchange) throws IOException;

	}

}
