package org.dsplatform.lock.fencing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link KvEpochSource} against a tiny HTTP server that answers like the KV store.
 */
class KvEpochSourceTests {

	static final Clock clock = Clock.fixed(Instant.parse("2026-11-23T10:15:30Z"), ZoneOffset.UTC);

	final List<String> requests = new CopyOnWriteArrayList<>();

	final AtomicLong revision = new AtomicLong(1000);

	final ExecutorService handlers = Executors.newCachedThreadPool();

	HttpServer kv;

	volatile Answer answer = (exchange) -> reply(exchange, 200,
			"{\"key\":\"system/locks/epoch\",\"revision\":" + this.revision.incrementAndGet() + ",\"version\":3}");

	@BeforeEach
	void startKv() throws IOException {
		this.kv = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.kv.createContext("/", (exchange) -> {
			try (InputStream body = exchange.getRequestBody()) {
				this.requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " "
						+ exchange.getRequestHeaders().getFirst("Content-Type") + " "
						+ new String(body.readAllBytes(), StandardCharsets.UTF_8));
			}
			this.answer.handle(exchange);
		});
		this.kv.setExecutor(this.handlers);
		this.kv.start();
	}

	@AfterEach
	void stopKv() {
		this.kv.stop(0);
		this.handlers.shutdownNow();
	}

	KvEpochSource source(String suffix, Duration timeout) {
		return new KvEpochSource(URI.create("http://127.0.0.1:" + this.kv.getAddress().getPort() + suffix), "lock-2",
				timeout, clock);
	}

	@Test
	void takesTheRevisionOfAWriteToTheEpochKeyAsTheEpoch() throws Exception {
		KvEpochSource source = source("", Duration.ofSeconds(2));

		long first = source.nextEpoch().get();
		long second = source.nextEpoch().get();

		assertThat(first).isEqualTo(1001);
		assertThat(second).isEqualTo(1002);
		assertThat(this.requests).first()
			.isEqualTo("PUT /api/kv/keys/system/locks/epoch application/json "
					+ "{\"value\":\"lock-2 2026-11-23T10:15:30Z\"}");
	}

	@Test
	void acceptsABaseUrlWithATrailingSlash() throws Exception {
		assertThat(source("/", Duration.ofSeconds(2)).nextEpoch().get()).isEqualTo(1001);
		assertThat(this.requests).first().asString().startsWith("PUT /api/kv/keys/system/locks/epoch ");
	}

	@Test
	void failsWhenTheKvStoreAnswersWithAnError() {
		this.answer = (exchange) -> reply(exchange, 503, "{\"type\":\"/problems/service-unavailable\"}");

		assertThatThrownBy(() -> source("", Duration.ofSeconds(2)).nextEpoch().get())
			.isInstanceOf(ExecutionException.class)
			.cause()
			.isInstanceOf(EpochUnavailableException.class)
			.hasMessageContaining("503");
	}

	@Test
	void failsWhenTheAnswerHasNoRevisionTheTokenLayoutCanHold() {
		for (String body : List.of("{}", "not json", "{\"revision\":\"soon\"}", "{\"revision\":0}",
				"{\"revision\":1.5}", "{\"revision\":" + (FencingToken.MAX_EPOCH + 1) + "}")) {
			this.answer = (exchange) -> reply(exchange, 200, body);

			assertThatThrownBy(() -> source("", Duration.ofSeconds(2)).nextEpoch().get()).as(body)
				.cause()
				.isInstanceOf(EpochUnavailableException.class);
		}
	}

	@Test
	void failsWithinItsTimeoutWhenTheKvStoreDoesNotAnswer() {
		this.answer = (exchange) -> {
			try {
				Thread.sleep(3_000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			reply(exchange, 200, "{\"revision\":5}");
		};
		long begin = System.nanoTime();

		assertThatThrownBy(() -> source("", Duration.ofMillis(300)).nextEpoch().get()).cause()
			.isInstanceOf(EpochUnavailableException.class);

		assertThat(Duration.ofNanos(System.nanoTime() - begin)).isLessThan(Duration.ofSeconds(2));
	}

	static void reply(HttpExchange exchange, int status, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	@FunctionalInterface
	interface Answer {

		void handle(HttpExchange exchange) throws IOException;

	}

}
