package org.dsplatform.bench.scenario;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Stand-ins for the two stores the kv scenario compares, on free local ports: nodes that
 * share one map, as the nodes of a replicated store would, and answer the few requests
 * the scenario makes the way our kv-service and etcd's JSON gateway answer them.
 */
final class KvStandIns implements AutoCloseable {

	static final String ETCD_LEADER_ID = "10276657743932975437";

	private static final Pattern FIELD = Pattern.compile("\"(key|value)\"\\s*:\\s*\"([^\"]*)\"");

	static {
		// See LocalHttpServer: without it every answer waits for a delayed ACK.
		System.setProperty("sun.net.httpserver.nodelay", "true");
	}

	private final Map<String, String> store = new ConcurrentHashMap<>();

	private final AtomicLong revision = new AtomicLong(1);

	private final List<HttpServer> servers = new ArrayList<>();

	private final List<AtomicInteger> requests = new ArrayList<>();

	private final Map<String, String> contentTypes = new ConcurrentHashMap<>();

	private final ExecutorService executor = Executors.newFixedThreadPool(16);

	private final String etcdPrefix;

	private KvStandIns(int nodes, String etcdPrefix) {
		this.etcdPrefix = etcdPrefix;
		try {
			for (int i = 0; i < nodes; i++) {
				HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
				AtomicInteger count = new AtomicInteger();
				server.createContext("/", (exchange) -> {
					count.incrementAndGet();
					handle(exchange);
				});
				server.setExecutor(this.executor);
				server.start();
				this.servers.add(server);
				this.requests.add(count);
			}
		}
		catch (IOException ex) {
			close();
			throw new UncheckedIOException(ex);
		}
	}

	/** Nodes that answer like our kv-service. */
	static KvStandIns ours(int nodes) {
		return new KvStandIns(nodes, null);
	}

	/**
	 * Members that answer like etcd's JSON gateway, under one prefix only, and 404 under
	 * any other.
	 */
	static KvStandIns etcd(int members, String prefix) {
		return new KvStandIns(members, prefix);
	}

	List<URI> uris() {
		return this.servers.stream()
			.map((server) -> URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
			.toList();
	}

	String urls() {
		return String.join(",", uris().stream().map(URI::toString).toList());
	}

	/** What was written, keys and values decoded. */
	Map<String, String> store() {
		return Map.copyOf(this.store);
	}

	List<Integer> requestsPerNode() {
		return this.requests.stream().map(AtomicInteger::get).toList();
	}

	/** The Content-Type of the last request with a body, by method. */
	Map<String, String> contentTypes() {
		return Map.copyOf(this.contentTypes);
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
			if (!body.isEmpty()) {
				this.contentTypes.put(exchange.getRequestMethod(),
						String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type")));
			}
			String path = exchange.getRequestURI().getPath();
			if (this.etcdPrefix != null) {
				answerAsEtcd(exchange, exchange.getRequestMethod(), path, body);
			}
			else {
				answerAsOurs(exchange, exchange.getRequestMethod(), path, body);
			}
		}
	}

	private void answerAsOurs(HttpExchange exchange, String method, String path, String body) throws IOException {
		String keys = "/api/kv/keys/";
		if (path.startsWith(keys) && method.equals("PUT")) {
			String key = path.substring(keys.length());
			this.store.put(key, fields(body).get("value"));
			long written = this.revision.incrementAndGet();
			send(exchange, 200, "{\"key\":\"" + key + "\",\"revision\":" + written
					+ ",\"version\":1,\"createRevision\":" + written + ",\"modRevision\":" + written + "}");
		}
		else if (path.startsWith(keys) && method.equals("GET")) {
			String key = path.substring(keys.length());
			String value = this.store.get(key);
			if (value == null) {
				send(exchange, 404, "{\"title\":\"Not Found\",\"status\":404}");
			}
			else {
				send(exchange, 200, "{\"key\":\"" + key + "\",\"value\":\"" + value + "\",\"revision\":"
						+ this.revision.get() + ",\"version\":1,\"consistency\":\"linearizable\"}");
			}
		}
		else if (path.equals("/api/kv/cluster")) {
			send(exchange, 200,
					"{\"answeredBy\":\"kv-1\",\"leaderId\":\"kv-1\",\"members\":["
							+ "{\"id\":\"kv-1\",\"role\":\"LEADER\",\"term\":2,\"leaderId\":\"kv-1\"},"
							+ "{\"id\":\"kv-2\",\"role\":\"FOLLOWER\",\"term\":2,\"leaderId\":\"kv-1\"}]}");
		}
		else if (path.equals("/actuator/info")) {
			send(exchange, 200, "{\"git\":{\"branch\":\"main\",\"commit\":{\"id\":\"abc1234\"}},"
					+ "\"build\":{\"artifact\":\"kv-service\",\"version\":\"0.1.0-standin\"}}");
		}
		else {
			send(exchange, 404, "{}");
		}
	}

	private void answerAsEtcd(HttpExchange exchange, String method, String path, String body) throws IOException {
		String header = "{\"cluster_id\":\"1\",\"member_id\":\"2\",\"revision\":\"" + this.revision.get()
				+ "\",\"raft_term\":\"2\"}";
		if (!method.equals("POST") || !path.startsWith(this.etcdPrefix + "/")) {
			send(exchange, 404, "Not Found");
			return;
		}
		Map<String, String> fields = fields(body);
		switch (path.substring(this.etcdPrefix.length())) {
			case "/kv/put" -> {
				this.store.put(decode(fields.get("key")), decode(fields.get("value")));
				this.revision.incrementAndGet();
				send(exchange, 200, "{\"header\":" + header + "}");
			}
			case "/kv/range" -> {
				String value = this.store.get(decode(fields.get("key")));
				send(exchange, 200, (value == null) ? "{\"header\":" + header + "}"
						: "{\"header\":" + header + ",\"kvs\":[{\"key\":\"" + fields.get("key")
								+ "\",\"create_revision\":\"2\",\"mod_revision\":\"2\",\"version\":\"1\",\"value\":\""
								+ Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8))
								+ "\"}],\"count\":\"1\"}");
			}
			case "/maintenance/status" -> send(exchange, 200,
					"{\"header\":" + header + ",\"version\":\"3.4.0-standin\",\"dbSize\":\"1048576\",\"leader\":\""
							+ ETCD_LEADER_ID + "\",\"raftIndex\":\"10\",\"raftTerm\":\"2\"}");
			default -> send(exchange, 404, "Not Found");
		}
	}

	private static Map<String, String> fields(String body) {
		Map<String, String> fields = new ConcurrentHashMap<>();
		Matcher matcher = FIELD.matcher(body);
		while (matcher.find()) {
			fields.put(matcher.group(1), matcher.group(2));
		}
		return fields;
	}

	private static String decode(String base64) {
		return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
	}

	private static void send(HttpExchange exchange, int status, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, bytes.length);
		exchange.getResponseBody().write(bytes);
	}

	@Override
	public void close() {
		this.servers.forEach((server) -> server.stop(0));
		this.executor.shutdownNow();
		try {
			this.executor.awaitTermination(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
