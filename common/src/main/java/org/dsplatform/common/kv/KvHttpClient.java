package org.dsplatform.common.kv;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.dsplatform.common.event.KvChange;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A client of the platform's key-value store over its HTTP API, for services that keep
 * state in it (the cache's read-through and ring registry). Any kv node answers any
 * request, so each call tries the nodes in turn until one answers: a node that is down or
 * without quorum (503) costs one attempt, not the call.
 * <p>
 * Thread-safe. Each attempt is bounded by the timeout given at construction, so a call
 * takes at most that timeout times the number of nodes.
 */
public final class KvHttpClient {

	/**
	 * How long a watch may carry nothing, not even the heartbeat the KV sends every 2 s
	 * by default (kv.watch.heartbeat), before it is presumed stuck: its node paused or
	 * cut off.
	 */
	public static final Duration WATCH_SILENCE_LIMIT = Duration.ofSeconds(8);

	private static final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor((runnable) -> {
		Thread thread = new Thread(runnable, "kv-watch-watchdog");
		thread.setDaemon(true);
		return thread;
	});

	private final List<URI> endpoints;

	private final Duration timeout;

	private final Duration watchSilenceLimit;

	private final HttpClient http;

	private final JsonMapper json = JsonMapper.builder().build();

	private final AtomicInteger next = new AtomicInteger();

	/**
	 * @param endpoints the kv nodes' base URLs
	 * @param timeout how long one attempt (one node) may take
	 */
	public KvHttpClient(List<URI> endpoints, Duration timeout) {
		this(endpoints, timeout, WATCH_SILENCE_LIMIT);
	}

	/**
	 * @param endpoints the kv nodes' base URLs
	 * @param timeout how long one attempt (one node) may take
	 * @param watchSilenceLimit how long a watch may carry nothing before it is ended
	 */
	public KvHttpClient(List<URI> endpoints, Duration timeout, Duration watchSilenceLimit) {
		this(List.copyOf(endpoints), timeout, watchSilenceLimit,
				HttpClient.newBuilder().connectTimeout(timeout).build());
	}

	private KvHttpClient(List<URI> endpoints, Duration timeout, Duration watchSilenceLimit, HttpClient http) {
		if (endpoints.isEmpty()) {
			throw new IllegalArgumentException("At least one kv endpoint is needed");
		}
		this.endpoints = endpoints;
		this.timeout = timeout;
		this.watchSilenceLimit = watchSilenceLimit;
		this.http = http;
	}

	/**
	 * A client of the same nodes, sharing this one's connections, that takes the nodes in
	 * turn on its own: the calls of this client's other callers do not change which node
	 * its next call starts at.
	 */
	public KvHttpClient withOwnRotation() {
		return new KvHttpClient(this.endpoints, this.timeout, this.watchSilenceLimit, this.http);
	}

	/**
	 * A key as the store has it now (a linearizable read).
	 */
	public Optional<Entry> get(String key) {
		Answer answer = call("GET", "/api/kv/keys/" + KeyPaths.encode(key), null);
		if (answer.status == 404) {
			return Optional.empty();
		}
		return Optional.of(entry(answer.expect(200)));
	}

	/**
	 * Sets a key, attached to a lease unless {@code leaseId} is 0.
	 */
	public Entry put(String key, String value, long leaseId) {
		Map<String, Object> body = (leaseId != 0) ? Map.of("value", value, "leaseId", leaseId) : Map.of("value", value);
		JsonNode written = call("PUT", "/api/kv/keys/" + KeyPaths.encode(key), body).expect(200);
		return new Entry(key, value, written.path("modRevision").asLong(), written.path("version").asLong());
	}

	public long grantLease(Duration ttl) {
		return call("POST", "/api/kv/leases", Map.of("ttlMs", ttl.toMillis())).expect(201).path("leaseId").asLong();
	}

	/**
	 * Renews a lease; false if it no longer exists.
	 */
	public boolean keepAlive(long leaseId) {
		Answer answer = call("POST", "/api/kv/leases/" + leaseId + "/keepalive", null);
		if (answer.status == 404) {
			return false;
		}
		answer.expect(200);
		return true;
	}

	public void revoke(long leaseId) {
		Answer answer = call("DELETE", "/api/kv/leases/" + leaseId, null);
		if (answer.status != 404) {
			answer.expect(204);
		}
	}

	/**
	 * Every key under a prefix, with the store's revision when read.
	 */
	public Range range(String prefix) {
		List<Entry> entries = new ArrayList<>();
		String from = null;
		long revision;
		do {
			String query = "?prefix=" + encodeQuery(prefix) + "&limit=1000"
					+ ((from != null) ? "&fromKey=" + encodeQuery(from) : "");
			JsonNode page = call("GET", "/api/kv/keys" + query, null).expect(200);
			page.path("items").forEach((item) -> entries.add(entry(item)));
			revision = page.path("revision").asLong();
			from = page.path("nextKey").isNull() || page.path("nextKey").isMissingNode() ? null
					: page.path("nextKey").asString();
		}
		while (from != null);
		return new Range(entries, revision);
	}

	/**
	 * Streams the changes under a prefix from a revision on, calling {@code onChange} for
	 * each in order, until the stream ends or fails, or carries nothing (not even a
	 * heartbeat) for longer than the watch silence limit; blocks the calling thread
	 * meanwhile. Close the stream handed to {@code onOpen} from another thread to stop
	 * it.
	 * @throws KvUnavailableException if no node accepts the watch
	 */
	public void watch(String prefix, long fromRevision, Consumer<KvChange> onChange, Consumer<InputStream> onOpen) {
		String path = "/api/kv/watch?prefix=" + encodeQuery(prefix) + "&fromRevision=" + fromRevision;
		IOException last = null;
		int first = this.next.getAndIncrement();
		for (int attempt = 0; attempt < this.endpoints.size(); attempt++) {
			URI endpoint = endpoint(first + attempt);
			// Bounds the wait for the stream to open (its headers), not the stream.
			HttpRequest request = HttpRequest.newBuilder(endpoint.resolve(path))
				.header("Accept", "text/event-stream")
				.timeout(this.timeout)
				.GET()
				.build();
			HttpResponse<InputStream> response;
			try {
				response = this.http.send(request, HttpResponse.BodyHandlers.ofInputStream());
			}
			catch (IOException ex) {
				last = ex;
				continue;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			if (response.statusCode() != 200) {
				closeQuietly(response.body());
				if (response.statusCode() == 410) {
					throw new KvUnavailableException("Revision " + fromRevision + " is compacted", null);
				}
				continue;
			}
			onOpen.accept(response.body());
			readEvents(response.body(), onChange);
			return;
		}
		throw new KvUnavailableException("No kv node accepted the watch", last);
	}

	/**
	 * Reads the stream until it ends, or until it has been silent longer than the limit:
	 * then a watchdog closes it, which ends the read.
	 */
	private void readEvents(InputStream body, Consumer<KvChange> onChange) {
		AtomicLong lastRead = new AtomicLong(System.nanoTime());
		long limit = this.watchSilenceLimit.toNanos();
		long check = Math.max(10, this.watchSilenceLimit.toMillis() / 4);
		ScheduledFuture<?> watching = watchdog.scheduleAtFixedRate(() -> {
			if (System.nanoTime() - lastRead.get() > limit) {
				closeQuietly(body);
			}
		}, check, check, TimeUnit.MILLISECONDS);
		try (BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
			String line;
			while ((line = reader.readLine()) != null) {
				lastRead.set(System.nanoTime());
				if (line.startsWith("data:")) {
					onChange.accept(this.json.readValue(line.substring(5).trim(), KvChange.class));
				}
			}
		}
		catch (IOException ex) {
			// the stream ended: the caller resumes from the last revision it saw
		}
		finally {
			watching.cancel(false);
		}
	}

	private Answer call(String method, String path, Object body) {
		IOException last = null;
		int first = this.next.getAndIncrement();
		for (int attempt = 0; attempt < this.endpoints.size(); attempt++) {
			URI endpoint = endpoint(first + attempt);
			HttpRequest.Builder request = HttpRequest.newBuilder(endpoint.resolve(path)).timeout(this.timeout);
			if (body != null) {
				request.header("Content-Type", "application/json")
					.method(method, HttpRequest.BodyPublishers.ofString(this.json.writeValueAsString(body)));
			}
			else {
				request.method(method, HttpRequest.BodyPublishers.noBody());
			}
			try {
				HttpResponse<String> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
				if (response.statusCode() == 503) {
					continue;
				}
				return new Answer(response.statusCode(), response.body());
			}
			catch (IOException ex) {
				last = ex;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new KvUnavailableException("Interrupted", ex);
			}
		}
		throw new KvUnavailableException("No kv node answered " + method + " " + path, last);
	}

	/**
	 * The nodes from a call's first attempt on: each call starts one node further than
	 * the call before it and then takes the following ones, so it tries every node once
	 * whatever the calls made meanwhile do.
	 */
	private URI endpoint(int turn) {
		return this.endpoints.get(Math.floorMod(turn, this.endpoints.size()));
	}

	private static Entry entry(JsonNode node) {
		return new Entry(node.path("key").asString(), node.path("value").asString(), node.path("modRevision").asLong(),
				node.path("version").asLong());
	}

	private static String encodeQuery(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	private static void closeQuietly(InputStream stream) {
		try {
			stream.close();
		}
		catch (IOException ex) {
			// nothing left to do
		}
	}

	/**
	 * A key as read from the store.
	 */
	public record Entry(String key, String value, long modRevision, long version) {

	}

	/**
	 * The keys under a prefix and the store's revision when they were read.
	 */
	public record Range(List<Entry> entries, long revision) {

	}

	private final class Answer {

		final int status;

		final String body;

		Answer(int status, String body) {
			this.status = status;
			this.body = body;
		}

		JsonNode expect(int expected) {
			if (this.status != expected) {
				throw new KvUnavailableException("The kv store answered " + this.status + ": " + this.body, null);
			}
			try {
				return KvHttpClient.this.json.readTree(this.body);
			}
			catch (RuntimeException ex) {
				throw new UncheckedIOException(new IOException("Unreadable answer from the kv store", ex));
			}
		}

	}

}
