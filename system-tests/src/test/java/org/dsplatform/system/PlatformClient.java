package org.dsplatform.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A small HTTP client for the system tests: every call is bounded in time.
 */
final class PlatformClient {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

	private final JsonMapper json = JsonMapper.builder().build();

	Reply get(String url) {
		return send(HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).GET().build());
	}

	/**
	 * A GET with one more header, such as the cache's forwarded mark, which has a node
	 * answer from its own store.
	 */
	Reply get(String url, String header, String value) {
		return send(HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).header(header, value).GET().build());
	}

	Reply put(String url, String json) {
		return send(HttpRequest.newBuilder(URI.create(url))
			.timeout(TIMEOUT)
			.header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString(json))
			.build());
	}

	Reply post(String url, String json) {
		return send(HttpRequest.newBuilder(URI.create(url))
			.timeout(TIMEOUT)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build());
	}

	Reply put(String url, String json, String fencingToken) {
		return send(HttpRequest.newBuilder(URI.create(url))
			.timeout(TIMEOUT)
			.header("Content-Type", "application/json")
			.header("X-Fencing-Token", fencingToken)
			.PUT(HttpRequest.BodyPublishers.ofString(json))
			.build());
	}

	private Reply send(HttpRequest request) {
		try {
			long begin = System.nanoTime();
			HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
			return new Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
					response.body(), Duration.ofNanos(System.nanoTime() - begin), response.headers().map());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	JsonNode json(Reply reply) {
		return this.json.readTree(reply.body());
	}

	record Reply(int status, String contentType, String body, Duration took,
			java.util.Map<String, java.util.List<String>> headers) {

		String header(String name) {
			return this.headers.entrySet()
				.stream()
				.filter((entry) -> entry.getKey().equalsIgnoreCase(name))
				.map((entry) -> entry.getValue().get(0))
				.findFirst()
				.orElse(null);
		}

	}

}
