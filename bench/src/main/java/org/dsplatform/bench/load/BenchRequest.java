package org.dsplatform.bench.load;

import java.util.Locale;
import java.util.Objects;

/**
 * One HTTP request of a run, sent to whichever target the round robin picks; the same for
 * every call, or one per call from a {@link RequestSupplier}.
 *
 * @param method the HTTP method, such as {@code GET}
 * @param path the path and query, starting with {@code /}, appended to each target's base
 * URL
 * @param body the body, sent as {@code application/json}, or {@code null} for none
 */
public record BenchRequest(String method, String path, String body) {

	public BenchRequest {
		Objects.requireNonNull(method, "method");
		Objects.requireNonNull(path, "path");
		if (!path.startsWith("/")) {
			throw new IllegalArgumentException("path must start with '/': " + path);
		}
		method = method.toUpperCase(Locale.ROOT);
	}

	public static BenchRequest get(String path) {
		return new BenchRequest("GET", path, null);
	}

	public static BenchRequest put(String path, String json) {
		return new BenchRequest("PUT", path, json);
	}

	public static BenchRequest post(String path, String json) {
		return new BenchRequest("POST", path, json);
	}

	@Override
	public String toString() {
		return this.method + " " + this.path;
	}

}
