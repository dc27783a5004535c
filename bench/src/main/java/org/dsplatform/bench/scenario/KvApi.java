package org.dsplatform.bench.scenario;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import org.dsplatform.bench.load.BenchRequest;

/**
 * How a key-value store is asked to write and read one key over HTTP and JSON, so that
 * one load can be sent to stores with different APIs.
 */
sealed interface KvApi permits KvApi.Platform, KvApi.EtcdGateway {

	/**
	 * Writes a value under a key, replacing any value there.
	 * @param key the key
	 * @param value the value
	 * @return the request
	 */
	BenchRequest put(String key, String value);

	/**
	 * Reads a key, linearizably: the answer reflects every write completed before the
	 * read started.
	 * @param key the key
	 * @return the request
	 */
	BenchRequest get(String key);

	/**
	 * What an answer to {@link #get(String)} contains when it found the value.
	 * @param value the value
	 * @return a fragment of the answer's JSON
	 */
	String foundValue(String value);

	/**
	 * The platform's kv-service: {@code PUT /api/kv/keys/{key}} with
	 * {@code {"value":"..."}}, and {@code GET /api/kv/keys/{key}}, which is linearizable
	 * (ReadIndex) unless asked otherwise.
	 */
	record Platform() implements KvApi {

		@Override
		public BenchRequest put(String key, String value) {
			return BenchRequest.put(path(key), "{\"value\":" + Json.string(value) + "}");
		}

		@Override
		public BenchRequest get(String key) {
			return BenchRequest.get(path(key));
		}

		@Override
		public String foundValue(String value) {
			return "\"value\":" + Json.string(value);
		}

		private static String path(String key) {
			return "/api/kv/keys/" + key;
		}

	}

	/**
	 * etcd's JSON gateway to its gRPC API: {@code POST <prefix>/kv/put} with
	 * {@code {"key":base64,"value":base64}}, and {@code POST <prefix>/kv/range} with
	 * {@code {"key":base64}}, which is linearizable unless {@code serializable} is set.
	 *
	 * @param prefix the gateway's version prefix, such as {@code /v3}; which ones an etcd
	 * serves depends on its version, see {@link #PREFIXES}
	 */
	record EtcdGateway(String prefix) implements KvApi {

		/**
		 * The prefixes etcd versions have served the gateway under, newest first: 3.4
		 * serves {@code /v3} (and {@code /v3beta}), 3.3 {@code /v3beta} (and
		 * {@code /v3alpha}), 3.5 and later only {@code /v3}.
		 */
		static final List<String> PREFIXES = List.of("/v3", "/v3beta", "/v3alpha");

		@Override
		public BenchRequest put(String key, String value) {
			return BenchRequest.post(this.prefix + "/kv/put",
					"{\"key\":\"" + base64(key) + "\",\"value\":\"" + base64(value) + "\"}");
		}

		@Override
		public BenchRequest get(String key) {
			return BenchRequest.post(this.prefix + "/kv/range", "{\"key\":\"" + base64(key) + "\"}");
		}

		@Override
		public String foundValue(String value) {
			return "\"value\":\"" + base64(value) + "\"";
		}

		/**
		 * The member's status: its leader, Raft term, database size and version.
		 * @return the request
		 */
		BenchRequest status() {
			return BenchRequest.post(this.prefix + "/maintenance/status", "{}");
		}

		/**
		 * Bytes go over the gateway as standard base64 with padding, the JSON mapping of
		 * protobuf's {@code bytes}.
		 */
		static String base64(String text) {
			return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
		}

	}

}
