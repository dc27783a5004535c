package org.dsplatform.common.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

/**
 * HTTP servers on free loopback ports that stand in for a service in a test (a KV node
 * that answers slowly, one that opens a stream and falls silent), each answering on its
 * own threads. Close to stop them all.
 */
public final class HttpStandIns implements AutoCloseable {

	private final List<HttpServer> servers = new ArrayList<>();

	/**
	 * Starts a server that hands every request to {@code handler}.
	 * @return its base URL
	 */
	public URI start(HttpHandler handler) throws IOException {
		System.setProperty("sun.net.httpserver.nodelay", "true");
		HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
		server.setExecutor(Executors.newCachedThreadPool());
		server.createContext("/", handler);
		server.start();
		this.servers.add(server);
		return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
	}

	@Override
	public void close() {
		this.servers.forEach((server) -> server.stop(0));
	}

	/** Answers with a JSON body. */
	public static void answer(HttpExchange exchange, int status, String json) throws IOException {
		byte[] body = json.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, body.length);
		exchange.getResponseBody().write(body);
		exchange.close();
	}

	/** Sleeps, as a slow or paused service does; an interrupt ends the sleep. */
	public static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
