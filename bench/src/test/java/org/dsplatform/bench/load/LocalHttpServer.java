package org.dsplatform.bench.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP server on a free local port for the load generator's tests, which watches
 * from the server side what the generator does: requests in flight, arrival times, time
 * spent answering.
 */
public final class LocalHttpServer implements AutoCloseable {

	private static final byte[] BODY = "{}".getBytes(StandardCharsets.UTF_8);

	static {
		// The JDK server writes headers and body apart; with Nagle on, the body waits for
		// the client's delayed ACK and every answer takes 40 ms. Read once, when the
		// server classes load.
		System.setProperty("sun.net.httpserver.nodelay", "true");
	}

	private final HttpServer server;

	private final ExecutorService executor;

	private final Responder responder;

	private final AtomicLong firstArrival = new AtomicLong(Long.MIN_VALUE);

	private final AtomicInteger inFlight = new AtomicInteger();

	private final AtomicInteger maxInFlight = new AtomicInteger();

	private final List<long[]> answered = new ArrayList<>();

	private final List<Long> arrivals = new ArrayList<>();

	private final List<String> uris = new ArrayList<>();

	private final AtomicReference<Request> lastRequest = new AtomicReference<>();

	private LocalHttpServer(int threads, Responder responder) throws IOException {
		this.responder = responder;
		this.executor = Executors.newFixedThreadPool(threads);
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
		this.server.createContext("/", this::handle);
		this.server.setExecutor(this.executor);
		this.server.start();
	}

	/**
	 * Starts a server.
	 * @param threads the exchanges handled at once; 1 makes a server that answers
	 * strictly one after the other
	 * @param responder decides each answer's status, and may block to make the answer
	 * slow
	 * @return the started server
	 */
	public static LocalHttpServer start(int threads, Responder responder) {
		try {
			return new LocalHttpServer(threads, responder);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** A server that answers 200 at once. */
	public static LocalHttpServer ok() {
		return start(16, (request) -> 200);
	}

	/** A server that accepts requests and never answers them (until closed). */
	public static LocalHttpServer hanging() {
		return start(64, (request) -> {
			Thread.sleep(Long.MAX_VALUE);
			return 200;
		});
	}

	/** A local port nothing listens on, at least right after this returns. */
	public static int unusedPort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public URI uri() {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort());
	}

	public int maxInFlight() {
		return this.maxInFlight.get();
	}

	public int requests() {
		synchronized (this.arrivals) {
			return this.arrivals.size();
		}
	}

	/** The arrival times, in {@link System#nanoTime()}, in order of arrival. */
	public List<Long> arrivals() {
		synchronized (this.arrivals) {
			return List.copyOf(this.arrivals);
		}
	}

	/**
	 * The mean number of requests in flight during a window: the time spent on requests
	 * within it, over its length.
	 * @param from the window's start, after the first arrival
	 * @param to the window's end, after the first arrival
	 * @return the time-weighted mean
	 */
	public double meanInFlight(Duration from, Duration to) {
		long start = this.firstArrival.get() + from.toNanos();
		long end = this.firstArrival.get() + to.toNanos();
		long busy = 0;
		synchronized (this.answered) {
			for (long[] interval : this.answered) {
				busy += Math.max(0, Math.min(end, interval[1]) - Math.max(start, interval[0]));
			}
		}
		return (double) busy / (end - start);
	}

	/** The path and query of every request, in order of arrival. */
	public List<String> uris() {
		synchronized (this.arrivals) {
			return List.copyOf(this.uris);
		}
	}

	public Request lastRequest() {
		return this.lastRequest.get();
	}

	private void handle(HttpExchange exchange) throws IOException {
		long arrival = System.nanoTime();
		this.firstArrival.compareAndSet(Long.MIN_VALUE, arrival);
		this.maxInFlight.accumulateAndGet(this.inFlight.incrementAndGet(), Math::max);
		synchronized (this.arrivals) {
			this.arrivals.add(arrival);
			this.uris.add(exchange.getRequestURI().toString());
		}
		boolean counted = true;
		try (exchange) {
			Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
					new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8),
					exchange.getRequestHeaders().getFirst("Content-Type"), arrival - this.firstArrival.get());
			this.lastRequest.set(request);
			int status = this.responder.respond(request);
			// Out of flight before the answer is written, so the client's next request
			// can never overlap this one in the count.
			leave(arrival);
			counted = false;
			exchange.sendResponseHeaders(status, BODY.length);
			exchange.getResponseBody().write(BODY);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			if (counted) {
				leave(arrival);
			}
		}
	}

	private void leave(long arrival) {
		long now = System.nanoTime();
		this.inFlight.decrementAndGet();
		synchronized (this.answered) {
			this.answered.add(new long[] { arrival, now });
		}
	}

	@Override
	public void close() throws InterruptedException {
		this.server.stop(0);
		this.executor.shutdownNow();
		this.executor.awaitTermination(5, TimeUnit.SECONDS);
	}

	/**
	 * What the server was asked.
	 *
	 * @param method the HTTP method
	 * @param uri the path and query
	 * @param body the body
	 * @param contentType the Content-Type header, or {@code null}
	 * @param sinceFirstNanos how long after the server's first request this one arrived
	 */
	public record Request(String method, String uri, String body, String contentType, long sinceFirstNanos) {

	}

	/**
	 * Decides the status of an answer, and may block to delay it.
	 */
	@FunctionalInterface
	public interface Responder {

		int respond(Request request) throws InterruptedException;

	}

}
