package org.dsplatform.cache.node;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Calls another cache node: a request forwarded to a key's owner, or a write replicated
 * to a replica. Each call is bounded by the peer timeout; an unreachable peer is an empty
 * answer, never an exception.
 */
public final class PeerClient {

	/**
	 * Marks a request already forwarded once, so the next node serves it whatever its
	 * ring says.
	 */
	public static final String FORWARDED = "X-Cache-Forwarded-By";

	/**
	 * Marks a write sent by the owner to a replica: store it, do not replicate it again.
	 */
	public static final String REPLICA = "X-Cache-Replica-Of";

	private final HttpClient http;

	private final Duration timeout;

	public PeerClient(Duration timeout) {
		this.timeout = timeout;
		this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
	}

	/**
	 * Sends a request to a peer.
	 * @param header the marker header ({@link #FORWARDED} or {@link #REPLICA}) and its
	 * value, this node's id
	 * @return the peer's answer, or empty if it could not be reached in time
	 */
	public Optional<HttpResponse<String>> send(String baseUrl, String method, String pathAndQuery, String body,
			String header, String nodeId) {
		try {
			return Optional.of(this.http.send(request(baseUrl, method, pathAndQuery, body, header, nodeId),
					HttpResponse.BodyHandlers.ofString()));
		}
		catch (IOException ex) {
			return Optional.empty();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Optional.empty();
		}
	}

	/**
	 * As {@link #send}, without waiting: the answer, or empty if the peer could not be
	 * reached in time.
	 */
	public CompletableFuture<Optional<HttpResponse<String>>> sendAsync(String baseUrl, String method,
			String pathAndQuery, String body, String header, String nodeId) {
		return this.http
			.sendAsync(request(baseUrl, method, pathAndQuery, body, header, nodeId),
					HttpResponse.BodyHandlers.ofString())
			.handle((response, failure) -> Optional.ofNullable(response));
	}

	private HttpRequest request(String baseUrl, String method, String pathAndQuery, String body, String header,
			String nodeId) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery))
			.timeout(this.timeout)
			.header(header, nodeId)
			.method(method,
					(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
		if (body != null) {
			request.header("Content-Type", "application/json");
		}
		return request.build();
	}

}
