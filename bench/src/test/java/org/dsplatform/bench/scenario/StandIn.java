package org.dsplatform.bench.scenario;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;

/**
 * A local HTTP server that answers every request with what a function of the method, the
 * path with query and the body says.
 */
final class StandIn implements AutoCloseable {

	static {
		// See LocalHttpServer: without it every answer waits for a delayed ACK.
		System.setProperty("sun.net.httpserver.nodelay", "true");
	}

	record Answer(int status, String body, Map<String, String> headers) {

		static Answer json(String body) {
			return new Answer(200, body, Map.of());
		}

	}

	@FunctionalInterface
	interface Handler {

		Answer answer(String method, String path, String body);

	}

	private final HttpServer server;

	private final ExecutorService executor = Executors.newFixedThreadPool(16);

	private final AtomicInteger requests = new AtomicInteger();

	private StandIn(Handler handler) {
		try {
			this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.server.createContext("/", (exchange) -> {
			this.requests.incrementAndGet();
			String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
			Answer answer = handler.answer(exchange.getRequestMethod(), exchange.getRequestURI().toString(), body);
			answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
			byte[] bytes = (answer.body() != null) ? answer.body().getBytes(StandardCharsets.UTF_8) : new byte[0];
			if (bytes.length > 0) {
				exchange.getResponseHeaders().add("Content-Type", "application/json");
			}
			exchange.sendResponseHeaders(answer.status(), (bytes.length > 0) ? bytes.length : -1);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(bytes);
			}
		});
		this.server.setExecutor(this.executor);
		this.server.start();
	}

	static StandIn start(Handler handler) {
		return new StandIn(handler);
	}

	URI uri() {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort());
	}

	int requests() {
		return this.requests.get();
	}

	static String urls(List<StandIn> standIns) {
		return String.join(",", standIns.stream().map((standIn) -> standIn.uri().toString()).toList());
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

}
