package org.dsplatform.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A stand-in for one instance of a service behind the gateway: a real HTTP server on a
 * free port that is always ready, counts the requests it serves and answers them with a
 * behaviour the test can change while it runs.
 */
public final class StandInInstance implements AutoCloseable {

	/** How an instance answers a request. */
	@FunctionalInterface
	public interface Behaviour {

		/** The status to answer with, after doing whatever the behaviour does. */
		int answer(HttpExchange exchange) throws IOException;

	}

	/** Answers 200 at once. */
	public static final Behaviour OK = (exchange) -> 200;

	private final String name;

	private final HttpServer server;

	private final AtomicInteger served = new AtomicInteger();

	private final List<Received> received = new CopyOnWriteArrayList<>();

	private volatile Behaviour behaviour = OK;

	private StandInInstance(String name, HttpServer server) {
		this.name = name;
		this.server = server;
	}

	/**
	 * Starts an instance on a free loopback port.
	 */
	public static StandInInstance start(String name) {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 128);
			StandInInstance instance = new StandInInstance(name, server);
			server.setExecutor(Executors.newCachedThreadPool());
			server.createContext("/actuator/health/readiness", (exchange) -> instance.reply(exchange, 200, "UP"));
			server.createContext("/", instance::handle);
			server.start();
			return instance;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The URI of an instance that is down: a port that was free a moment ago, so
	 * connections to it are refused.
	 */
	public static String downUri() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return "http://127.0.0.1:" + socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Lists instances of a service for the gateway's simple discovery client.
	 * @param registry the test's dynamic properties
	 * @param service the service's name, such as {@code kv-service}
	 * @param uris the instances' URIs, in order
	 */
	public static void discover(DynamicPropertyRegistry registry, String service, String... uris) {
		for (int i = 0; i < uris.length; i++) {
			String uri = uris[i];
			registry.add("spring.cloud.discovery.client.simple.instances." + service + "[" + i + "].uri", () -> uri);
		}
	}

	public String uri() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	public String name() {
		return this.name;
	}

	public void behave(Behaviour behaviour) {
		this.behaviour = behaviour;
	}

	/** Requests answered, other than readiness probes. */
	public int served() {
		return this.served.get();
	}

	public List<Received> received() {
		return this.received;
	}

	public void reset() {
		this.served.set(0);
		this.received.clear();
		this.behaviour = OK;
	}

	/**
	 * Stops at once: the port refuses connections from now on, as a killed process's
	 * would.
	 */
	@Override
	public void close() {
		this.server.stop(0);
	}

	private void handle(HttpExchange exchange) throws IOException {
		byte[] body;
		try (InputStream in = exchange.getRequestBody()) {
			body = in.readAllBytes();
		}
		Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		headers.putAll(exchange.getRequestHeaders());
		this.received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
				new String(body, StandardCharsets.UTF_8), headers));
		this.served.incrementAndGet();
		int status = this.behaviour.answer(exchange);
		reply(exchange, status, "{\"servedBy\":\"" + this.name + "\"}");
	}

	private void reply(HttpExchange exchange, int status, String text) throws IOException {
		byte[] body = text.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.getResponseHeaders().set("X-Served-By", this.name);
		exchange.sendResponseHeaders(status, body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

	/**
	 * One request as the instance saw it.
	 *
	 * @param method the method
	 * @param uri the path and query
	 * @param body the body
	 * @param headers the headers, by case-insensitive name
	 */
	public record Received(String method, String uri, String body, Map<String, List<String>> headers) {
	}

}
