package org.dsplatform.cache.ring;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.dsplatform.common.kv.KvHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The registration against a KV that answers slowly, as a cold or electing one does: an
 * HTTP server speaking the KV's lease and key API that takes about a second to answer a
 * grant or a keepalive, and records when each arrived. A lease's clock may start as soon
 * as its request arrives, so two renewals must never arrive a ttl apart.
 */
class RegistrationTests {

	private static final Duration TTL = Duration.ofMillis(1500);

	private static final long SLOW_ANSWER_MS = 1000;

	private final List<Long> renewalArrivals = new ArrayList<>();

	private HttpServer kv;

	@BeforeEach
	void startSlowKv() throws IOException {
		System.setProperty("sun.net.httpserver.nodelay", "true");
		this.kv = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
		this.kv.setExecutor(Executors.newCachedThreadPool());
		this.kv.createContext("/api/kv/leases", (exchange) -> {
			if (exchange.getRequestMethod().equals("POST")) {
				renewalArrived();
			}
			sleep(SLOW_ANSWER_MS);
			boolean grant = exchange.getRequestURI().getPath().equals("/api/kv/leases");
			answer(exchange, grant ? 201 : 200, grant ? "{\"leaseId\":7}" : "{\"leaseId\":7,\"ttlMs\":1500}");
		});
		this.kv.createContext("/api/kv/keys/", (exchange) -> answer(exchange, 200,
				"{\"key\":\"registry/cache/cache-1\",\"value\":\"http://node\",\"version\":1,\"modRevision\":1}"));
		this.kv.start();
	}

	@AfterEach
	void stopKv() {
		this.kv.stop(0);
	}

	@Test
	void renewsATtlThirdAfterSendingThePreviousRenewalNotAfterItsAnswer() {
		URI endpoint = URI.create("http://127.0.0.1:" + this.kv.getAddress().getPort());
		KvHttpClient client = new KvHttpClient(List.of(endpoint), Duration.ofSeconds(5));
		try (Registration registration = new Registration(client, "registry/cache/cache-1", "http://node", TTL)) {
			registration.start();
			await().atMost(Duration.ofSeconds(15)).until(() -> arrivals().size() >= 4);
		}
		List<Long> arrivals = arrivals();
		for (int i = 1; i < arrivals.size(); i++) {
			// Counted from each answer, the next renewal would come a full ttl after the
			// previous one arrived (a second to answer, a third of the ttl to wait).
			assertThat(arrivals.get(i) - arrivals.get(i - 1)).as("gap before renewal %d", i)
				.isLessThan(TTL.toMillis() - 200);
		}
	}

	private synchronized void renewalArrived() {
		this.renewalArrivals.add(System.nanoTime() / 1_000_000);
	}

	private synchronized List<Long> arrivals() {
		return List.copyOf(this.renewalArrivals);
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

}
