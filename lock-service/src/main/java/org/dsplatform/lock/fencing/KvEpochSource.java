package org.dsplatform.lock.fencing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Takes each epoch from the platform's KV store: a write to {@code system/locks/epoch}
 * gets a new Raft log index as its {@code revision}, which is larger than every revision
 * before it, so it is a valid epoch.
 * <p>
 * Sends {@code PUT {kvUrl}/api/kv/keys/system/locks/epoch} with {@code {"value":"<node
 * id> <timestamp>"}} (the value only tells an operator who took the last epoch, and when)
 * and reads the {@code revision} of the JSON answer. Thread-safe; never blocks the
 * caller.
 */
public final class KvEpochSource implements EpochSource {

	static final String EPOCH_KEY_PATH = "/api/kv/keys/system/locks/epoch";

	private final URI endpoint;

	private final String nodeId;

	private final Duration timeout;

	private final Clock clock;

	private final HttpClient http;

	private final JsonMapper json = JsonMapper.builder().build();

	public KvEpochSource(URI kvUrl, String nodeId, Duration timeout, Clock clock) {
		String base = kvUrl.toString();
		this.endpoint = URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + EPOCH_KEY_PATH);
		this.nodeId = nodeId;
		this.timeout = timeout;
		this.clock = clock;
		this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
	}

	@Override
	public CompletableFuture<Long> nextEpoch() {
		String body = this.json.writeValueAsString(Map.of("value", this.nodeId + " " + this.clock.instant()));
		HttpRequest request = HttpRequest.newBuilder(this.endpoint)
			.timeout(this.timeout)
			.header("Content-Type", "application/json")
			.header("Accept", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString(body))
			.build();
		return this.http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).handle((response, failure) -> {
			if (failure != null) {
				throw new EpochUnavailableException("The KV store at " + this.endpoint + " did not answer", failure);
			}
			return revision(response);
		});
	}

	private long revision(HttpResponse<String> response) {
		if (response.statusCode() / 100 != 2) {
			throw new EpochUnavailableException(
					"The KV store answered " + response.statusCode() + " to the epoch write at " + this.endpoint);
		}
		JsonNode revision;
		try {
			revision = this.json.readTree(response.body()).get("revision");
		}
		catch (JacksonException ex) {
			throw new EpochUnavailableException("The KV store's answer to the epoch write is not JSON", ex);
		}
		// A revision the layout cannot hold is refused, never truncated: a wrapped epoch
		// would make tokens go backwards.
		if (revision == null || !revision.isIntegralNumber() || !revision.canConvertToLong() || revision.longValue() < 1
				|| revision.longValue() > FencingToken.MAX_EPOCH) {
			throw new EpochUnavailableException("The KV store's answer to the epoch write has no usable revision "
					+ "(a whole number between 1 and " + FencingToken.MAX_EPOCH + "): " + revision);
		}
		return revision.longValue();
	}

}
