package org.dsplatform.cache.api;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import org.dsplatform.cache.CacheProperties;
import org.dsplatform.cache.node.CacheNode;
import org.dsplatform.cache.node.PeerClient;
import org.dsplatform.cache.store.CacheEntry;
import org.dsplatform.common.problem.ProblemTypes;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Cache keys: {@code /api/cache/keys/{key}}. A node that does not hold a key forwards the
 * request to the key's owner (or, if the owner is down, to its replica): one hop at most,
 * since a forwarded request is always served where it lands. Answers say which node
 * served ({@code X-Served-By}) and whether it was a hit ({@code X-Cache}).
 */
@RestController
@RequestMapping("/api/cache/keys")
class CacheController {

	static final URI MISS = URI.create("/problems/cache/miss");

	static final URI KV_UNAVAILABLE = URI.create("/problems/cache/kv-unavailable");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final CacheNode node;

	private final CacheProperties properties;

	private final PeerClient peers;

	private final Counter forwarded;

	CacheController(CacheNode node, CacheProperties properties, PeerClient peers, MeterRegistry meters) {
		this.node = node;
		this.properties = properties;
		this.peers = peers;
		this.forwarded = Counter.builder("cache.requests.forwarded")
			.description("Requests this node forwarded to the key's holder")
			.register(meters);
	}

	record PutBody(String value, Long ttlMs, Long revision) {

	}

	/**
	 * A read from this node's store (or its key's holder). Answered synchronously: most
	 * reads are hits, and an asynchronous answer would cost a second dispatch through the
	 * servlet container for each.
	 */
	@GetMapping("/{*key}")
	ResponseEntity<Object> get(@PathVariable String key,
			@RequestHeader(name = PeerClient.FORWARDED, required = false) String forwardedBy,
			HttpServletRequest request) {
		onlyParameters(request, Set.of());
		String validKey = key(strip(key));
		return held(validKey, forwardedBy, request).orElseGet(() -> miss(validKey, request));
	}

	/**
	 * A read that falls back to the KV on a miss ({@code source=kv}): asynchronous, as it
	 * may wait for the KV.
	 */
	@GetMapping(path = "/{*key}", params = "source")
	CompletableFuture<ResponseEntity<Object>> readThrough(@PathVariable String key, @RequestParam String source,
			@RequestHeader(name = PeerClient.FORWARDED, required = false) String forwardedBy,
			HttpServletRequest request) {
		onlyParameters(request, Set.of("source"));
		String validKey = key(strip(key));
		if (!source.equals("kv")) {
			throw new InvalidCacheRequestException("source", "source may only be 'kv' (read through from the KV)");
		}
		Optional<ResponseEntity<Object>> held = held(validKey, forwardedBy, request);
		if (held.isPresent()) {
			return CompletableFuture.completedFuture(held.get());
		}
		return this.node.readThrough(validKey)
			.thenApply((read) -> read.map((entry) -> found(validKey, entry, false))
				.orElseGet(() -> miss(validKey, request)))
			.exceptionally((ex) -> problem(HttpStatus.SERVICE_UNAVAILABLE, KV_UNAVAILABLE,
					"The KV could not be read: " + ex.getMessage(), request));
	}

	/**
	 * The answer of the key's holder when that is another node, or the entry here; empty
	 * on a miss here.
	 */
	private Optional<ResponseEntity<Object>> held(String validKey, String forwardedBy, HttpServletRequest request) {
		Optional<ResponseEntity<Object>> elsewhere = forwardIfNotHeld(validKey, forwardedBy, request, null);
		if (elsewhere.isPresent()) {
			return elsewhere;
		}
		return this.node.get(validKey).map((entry) -> found(validKey, entry, true));
	}

	@PutMapping("/{*key}")
	ResponseEntity<Object> put(@PathVariable String key, @RequestBody PutBody body,
			@RequestHeader(name = PeerClient.FORWARDED, required = false) String forwardedBy,
			@RequestHeader(name = PeerClient.REPLICA, required = false) String replicaOf, HttpServletRequest request) {
		onlyParameters(request, Set.of());
		String validKey = key(strip(key));
		String value = value(body.value());
		long ttlNanos = ttl(body.ttlMs());
		if (body.revision() != null && replicaOf == null) {
			throw new InvalidCacheRequestException("revision", "revision is set by the cache, not by clients");
		}
		long revision = (body.revision() != null) ? body.revision() : 0;
		String json = "{\"value\":" + quote(value) + ((body.ttlMs() != null) ? ",\"ttlMs\":" + body.ttlMs() : "") + "}";
		if (replicaOf == null) {
			Optional<ResponseEntity<Object>> elsewhere = forwardIfNotHeld(validKey, forwardedBy, request, json);
			if (elsewhere.isPresent()) {
				return elsewhere.get();
			}
		}
		List<String> storedOn = this.node.put(validKey, new CacheEntry(value, revision, ttlNanos),
				pathAndQuery(request), json, replicaOf != null);
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("key", validKey);
		answer.put("storedOn", storedOn);
		return sized(served(HttpStatus.OK, null), answer);
	}

	@DeleteMapping("/{*key}")
	ResponseEntity<Object> delete(@PathVariable String key,
			@RequestHeader(name = PeerClient.FORWARDED, required = false) String forwardedBy,
			@RequestHeader(name = PeerClient.REPLICA, required = false) String replicaOf, HttpServletRequest request) {
		onlyParameters(request, Set.of());
		String validKey = key(strip(key));
		if (replicaOf == null) {
			Optional<ResponseEntity<Object>> elsewhere = forwardIfNotHeld(validKey, forwardedBy, request, null);
			if (elsewhere.isPresent()) {
				return elsewhere.get();
			}
		}
		List<String> removedFrom = this.node.delete(validKey, pathAndQuery(request), replicaOf != null);
		return sized(served(HttpStatus.OK, null), Map.of("key", validKey, "removedFrom", removedFrom));
	}

	/**
	 * Sends the request to the key's holders, owner first, if this node is not one of
	 * them and the request was not forwarded already; empty if this node should serve it.
	 */
	private Optional<ResponseEntity<Object>> forwardIfNotHeld(String key, String forwardedBy,
			HttpServletRequest request, String body) {
		if (forwardedBy != null || this.node.ring().holds(key)) {
			return Optional.empty();
		}
		for (String holder : this.node.ring().owners(key)) {
			String url = this.node.ring().url(holder);
			if (url == null) {
				continue;
			}
			Optional<HttpResponse<String>> answer = this.peers.send(url, request.getMethod(), pathAndQuery(request),
					body, PeerClient.FORWARDED, this.node.nodeId());
			if (answer.isPresent()) {
				this.forwarded.increment();
				return Optional.of(relay(answer.get()));
			}
		}
		// Every holder is unreachable: serve from here rather than fail.
		return Optional.empty();
	}

	private ResponseEntity<Object> relay(HttpResponse<String> answer) {
		ResponseEntity.BodyBuilder builder = ResponseEntity.status(answer.statusCode());
		answer.headers().firstValue("Content-Type").ifPresent((type) -> builder.header("Content-Type", type));
		answer.headers().firstValue("X-Served-By").ifPresent((servedBy) -> builder.header("X-Served-By", servedBy));
		answer.headers().firstValue("X-Cache").ifPresent((cache) -> builder.header("X-Cache", cache));
		builder.header("X-Forwarded-By", this.node.nodeId());
		return builder.body(answer.body());
	}

	private ResponseEntity<Object> found(String key, CacheEntry entry, boolean hit) {
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("key", key);
		answer.put("value", entry.value());
		answer.put("revision", entry.revision());
		answer.put("hit", hit);
		return sized(served(HttpStatus.OK, hit ? "HIT" : "MISS"), answer);
	}

	/**
	 * A JSON answer with its {@code Content-Length}. Spring MVC flushes a
	 * {@code ResponseEntity} before the container could size it, so the answer would go
	 * out chunked, which costs the gateway (several writes per answer) as much as a third
	 * of its work on the hit path.
	 */
	private static ResponseEntity<Object> sized(ResponseEntity.BodyBuilder builder, Object body) {
		byte[] json = JSON.writeValueAsBytes(body);
		return builder.contentType(MediaType.APPLICATION_JSON).contentLength(json.length).body(json);
	}

	private ResponseEntity<Object> miss(String key, HttpServletRequest request) {
		ResponseEntity<Object> problem = problem(HttpStatus.NOT_FOUND, MISS,
				"No cached value for '" + key + "' on this node; add ?source=kv to read it through from the KV",
				request);
		return ResponseEntity.status(problem.getStatusCode())
			.headers(problem.getHeaders())
			.header("X-Served-By", this.node.nodeId())
			.header("X-Cache", "MISS")
			.body(problem.getBody());
	}

	private ResponseEntity<Object> problem(HttpStatus status, URI type, String detail, HttpServletRequest request) {
		ProblemDetail problem = ProblemTypes.problem(status, type, detail, request.getRequestURI());
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

	private ResponseEntity.BodyBuilder served(HttpStatus status, String cache) {
		ResponseEntity.BodyBuilder builder = ResponseEntity.status(status).header("X-Served-By", this.node.nodeId());
		return (cache != null) ? builder.header("X-Cache", cache) : builder;
	}

	private String key(String key) {
		if (key.isEmpty()) {
			throw new InvalidCacheRequestException("key", "key must not be empty");
		}
		int bytes = key.getBytes(StandardCharsets.UTF_8).length;
		if (bytes > this.properties.maxKeyBytes()) {
			throw new InvalidCacheRequestException("key",
					"key is " + bytes + " bytes; the limit is " + this.properties.maxKeyBytes());
		}
		if (key.chars().anyMatch((c) -> Character.isISOControl(c) || c == '\uFFFD')) {
			throw new InvalidCacheRequestException("key", "key must not contain control characters or invalid UTF-8");
		}
		// As in the KV: a URL-normalising client or proxy would address another key.
		for (String segment : key.split("/", -1)) {
			if (segment.equals(".") || segment.equals("..")) {
				throw new InvalidCacheRequestException("key", "key must not have a '.' or '..' segment");
			}
		}
		return key;
	}

	private String value(String value) {
		if (value == null) {
			throw new InvalidCacheRequestException("value", "value is required (a string)");
		}
		long bytes = value.getBytes(StandardCharsets.UTF_8).length;
		if (bytes > this.properties.maxValueBytes().toBytes()) {
			throw new InvalidCacheRequestException("value",
					"value is " + bytes + " bytes; the limit is " + this.properties.maxValueBytes().toBytes());
		}
		return value;
	}

	private long ttl(Long ttlMs) {
		if (ttlMs == null) {
			return 0;
		}
		if (ttlMs <= 0 || ttlMs > this.properties.maxTtl().toMillis()) {
			throw new InvalidCacheRequestException("ttlMs",
					"ttlMs must be between 1 and " + this.properties.maxTtl().toMillis());
		}
		return Duration.ofMillis(ttlMs).toNanos();
	}

	/**
	 * Refuses any query parameter the endpoint does not know, so a typo is never silently
	 * ignored.
	 */
	static void onlyParameters(HttpServletRequest request, Set<String> allowed) {
		for (String name : request.getParameterMap().keySet()) {
			if (!allowed.contains(name)) {
				throw new InvalidCacheRequestException(name, "Unknown parameter '" + name + "'");
			}
		}
	}

	private static String pathAndQuery(HttpServletRequest request) {
		return request.getRequestURI() + ((request.getQueryString() != null) ? "?" + request.getQueryString() : "");
	}

	private static String strip(String captured) {
		return captured.startsWith("/") ? captured.substring(1) : captured;
	}

	private static String quote(String value) {
		return JSON.writeValueAsString(value);
	}

}
