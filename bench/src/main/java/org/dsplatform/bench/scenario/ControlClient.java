package org.dsplatform.bench.scenario;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.dsplatform.bench.load.BenchRequest;

/**
 * The few requests a scenario makes outside its measured runs, whose answers it reads: a
 * read-back check, a cluster's leader and term, a version. Blocking, one at a time, on
 * the JDK's client, so it shares nothing with the load generator.
 */
final class ControlClient {

	private final HttpClient client = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(2))
		.build();

	private final Duration timeout;

	ControlClient(Duration timeout) {
		this.timeout = timeout;
	}

	/**
	 * Sends a request and returns the body of a 2xx answer.
	 * @param target the base URL
	 * @param request the request
	 * @return the answer's body
	 * @throws IOException if the request fails or the answer is not 2xx; the message says
	 * which
	 */
	String send(URI target, BenchRequest request) throws IOException {
		HttpRequest.BodyPublisher body = (request.body() != null) ? HttpRequest.BodyPublishers.ofString(request.body())
				: HttpRequest.BodyPublishers.noBody();
		HttpRequest.Builder builder = HttpRequest
			.newBuilder(URI.create(target.toString().replaceAll("/$", "") + request.path()))
			.timeout(this.timeout)
			.method(request.method(), body);
		if (request.body() != null) {
			builder.header("Content-Type", "application/json");
		}
		try {
			HttpResponse<String> response = this.client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() / 100 != 2) {
				throw new IOException(target + " answered HTTP " + response.statusCode() + " to " + request + ": "
						+ abbreviate(response.body()));
			}
			return response.body();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("interrupted", ex);
		}
	}

	static String abbreviate(String text) {
		String line = text.strip().replaceAll("\\s+", " ");
		return (line.length() <= 200) ? line : line.substring(0, 200) + "...";
	}

}
