package org.dsplatform.lock.fencing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpServer;

/**
 * Answers epoch writes like the KV store does: every {@code PUT} to
 * {@code /api/kv/keys/system/locks/epoch} gets the next revision. A JDK HTTP server on a
 * free port.
 */
public final class FakeKvStore implements AutoCloseable {

	private final HttpServer server;

	private final AtomicLong revision;

	private final AtomicInteger writes = new AtomicInteger();

	private FakeKvStore(long firstRevision) throws IOException {
		this.revision = new AtomicLong(firstRevision - 1);
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext(KvEpochSource.EPOCH_KEY_PATH, (exchange) -> {
			try (InputStream body = exchange.getRequestBody()) {
				body.readAllBytes();
			}
			byte[] answer;
			int status;
			if ("PUT".equals(exchange.getRequestMethod())) {
				this.writes.incrementAndGet();
				status = 200;
				answer = ("{\"key\":\"system/locks/epoch\",\"revision\":" + this.revision.incrementAndGet() + "}")
					.getBytes(StandardCharsets.UTF_8);
			}
			else {
				status = 405;
				answer = new byte[0];
			}
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(status, (answer.length > 0) ? answer.length : -1);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(answer);
			}
		});
		this.server.start();
	}

	public static FakeKvStore start(long firstRevision) {
		try {
			return new FakeKvStore(firstRevision);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	/** How many epochs were taken. */
	public int writes() {
		return this.writes.get();
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
