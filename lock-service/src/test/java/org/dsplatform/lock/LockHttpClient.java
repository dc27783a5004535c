package org.dsplatform.lock;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Calls a running lock service over real HTTP, as a client behind the gateway would.
 * Paths are sent as given, so tests control their encoding.
 */
public final class LockHttpClient {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final String base;

	public LockHttpClient(int port) {
		this.base = "http://127.0.0.1:" + port;
	}

	public Answer post(String path, String body) {
		return send(HttpRequest.newBuilder(URI.create(this.base + path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body)));
	}

	public Answer post(String path, Map<String, ?> body) {
		return post(path, json.writeValueAsString(body));
	}

	public Answer get(String path) {
		return send(HttpRequest.newBuilder(URI.create(this.base + path)).GET());
	}

	private Answer send(HttpRequest.Builder request) {
		try {
			HttpResponse<String> response = this.http.send(request.timeout(Duration.ofSeconds(60)).build(),
					HttpResponse.BodyHandlers.ofString());
			String body = response.body();
			JsonNode parsed = null;
			if (body != null && !body.isBlank()) {
				try {
					parsed = json.readTree(body);
				}
				catch (RuntimeException ex) {
					// Not JSON (for example an error page of the servlet container).
				}
			}
			return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
					response.headers().firstValue("Retry-After").orElse(null), body, parsed);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * An HTTP answer; {@code json} is {@code null} when the body is empty or not JSON.
	 */
	public record Answer(int status, String contentType, String retryAfter, String body, JsonNode json) {

		public String text(String field) {
			JsonNode node = (this.json != null) ? this.json.get(field) : null;
			return (node != null && !node.isNull()) ? node.asString() : null;
		}

		public long number(String field) {
			return this.json.get(field).asLong();
		}

	}

}
