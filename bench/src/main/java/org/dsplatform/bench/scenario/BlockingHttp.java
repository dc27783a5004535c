package org.dsplatform.bench.scenario;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The JDK's HTTP client for the {@link WorkerLoop}'s workers: one blocking request at a
 * time per worker, HTTP/1.1, keep-alive; a non-2xx answer throws {@link StatusException}.
 */
final class BlockingHttp {

	private final HttpClient client = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(2))
		.build();

	private final Duration timeout;

	BlockingHttp(Duration timeout) {
		this.timeout = timeout;
	}

	HttpResponse<String> send(URI base, String method, String path, String json)
			throws IOException, InterruptedException {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base.toString().replaceAll("/$", "") + path))
			.timeout(this.timeout)
			.method(method,
					(json != null) ? HttpRequest.BodyPublishers.ofString(json) : HttpRequest.BodyPublishers.noBody());
		if (json != null) {
			builder.header("Content-Type", "application/json");
		}
		HttpResponse<String> response = this.client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() / 100 != 2) {
			throw new StatusException(response.statusCode());
		}
		return response;
	}

	/** A non-2xx answer; the worker loop counts it as the error {@code HTTP <status>}. */
	static final class StatusException extends IOException {

		StatusException(int status) {
			super("HTTP " + status);
		}

	}

}
