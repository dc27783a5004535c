package org.dsplatform.kv.api;

import java.nio.charset.StandardCharsets;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import org.dsplatform.kv.KvProperties;
import org.dsplatform.kv.storage.KvCommand.Fence;
import org.dsplatform.kv.storage.KvCommand.Precondition;

import org.springframework.stereotype.Component;

/**
 * The API's input rules, each failure naming its field: keys, values, parameters, fencing
 * tokens.
 */
@Component
class RequestRules {

	private final KvProperties.Limits limits;

	RequestRules(KvProperties properties) {
		this.limits = properties.limits();
	}

	KvProperties.Limits limits() {
		return this.limits;
	}

	/**
	 * Refuses any query parameter the endpoint does not know, so a typo is never silently
	 * ignored.
	 */
	void onlyParameters(HttpServletRequest request, Set<String> allowed) {
		for (String name : request.getParameterMap().keySet()) {
			if (!allowed.contains(name)) {
				throw new InvalidRequestException(name, "Unknown parameter '" + name + "'; this endpoint takes "
						+ (allowed.isEmpty() ? "none" : String.join(", ", allowed.stream().sorted().toList())));
			}
		}
	}

	/**
	 * A key: 1 to maxKeyBytes UTF-8 bytes, no control characters; it may contain '/', but
	 * no '/'-separated segment may be '.' or '..': clients and proxies that normalise
	 * URLs would send a request for such a key to another key, or another endpoint.
	 */
	String key(String key) {
		return key("key", key);
	}

	/** Like {@link #key(String)}, for a parameter that names a key. */
	String key(String field, String key) {
		String valid = keyLike(field, key, false);
		for (String segment : valid.split("/", -1)) {
			if (segment.equals(".") || segment.equals("..")) {
				throw new InvalidRequestException(field, field + " must not have a '.' or '..' segment");
			}
		}
		return valid;
	}

	/** A key prefix: like a key, but may be empty (everything). */
	String prefix(String prefix) {
		return keyLike("prefix", (prefix != null) ? prefix : "", true);
	}

	String value(String value) {
		if (value == null) {
			throw new InvalidRequestException("value", "value is required (a string)");
		}
		long bytes = value.getBytes(StandardCharsets.UTF_8).length;
		if (bytes > this.limits.maxValueBytes().toBytes()) {
			throw new InvalidRequestException("value",
					"value is " + bytes + " bytes; the limit is " + this.limits.maxValueBytes().toBytes());
		}
		return value;
	}

	Precondition precondition(String expectedVersion, String expectedValue) {
		Long version = null;
		if (expectedVersion != null) {
			version = nonNegativeLong("expectedVersion", expectedVersion);
		}
		return (version == null && expectedValue == null) ? Precondition.NONE
				: new Precondition(version, expectedValue);
	}

	/**
	 * The {@code X-Fencing-Token} header, {@code <lockName>:<token>}, or {@code null}
	 * when absent.
	 */
	Fence fence(String header) {
		if (header == null) {
			return null;
		}
		int colon = header.lastIndexOf(':');
		if (colon <= 0 || colon == header.length() - 1) {
			throw new InvalidRequestException("X-Fencing-Token", "X-Fencing-Token must be <lockName>:<token>");
		}
		return new Fence(header.substring(0, colon), nonNegativeLong("X-Fencing-Token", header.substring(colon + 1)));
	}

	boolean stale(String consistency) {
		if (consistency == null || consistency.equals("linearizable")) {
			return false;
		}
		if (consistency.equals("stale")) {
			return true;
		}
		throw new InvalidRequestException("consistency",
				"consistency must be 'linearizable' (the default) or 'stale', not '" + consistency + "'");
	}

	int limit(String limit) {
		if (limit == null) {
			return Math.min(100, this.limits.maxPageSize());
		}
		long value = nonNegativeLong("limit", limit);
		if (value < 1 || value > this.limits.maxPageSize()) {
			throw new InvalidRequestException("limit", "limit must be between 1 and " + this.limits.maxPageSize());
		}
		return (int) value;
	}

	long ttlMs(Long ttlMs) {
		if (ttlMs == null) {
			throw new InvalidRequestException("ttlMs", "ttlMs is required");
		}
		long min = this.limits.minLeaseTtl().toMillis();
		long max = this.limits.maxLeaseTtl().toMillis();
		if (ttlMs < min || ttlMs > max) {
			throw new InvalidRequestException("ttlMs", "ttlMs must be between " + min + " and " + max);
		}
		return ttlMs;
	}

	long nonNegativeLong(String field, String text) {
		try {
			long value = Long.parseLong(text);
			if (value < 0) {
				throw new InvalidRequestException(field, field + " must not be negative");
			}
			return value;
		}
		catch (NumberFormatException ex) {
			throw new InvalidRequestException(field, field + " must be a whole number, not '" + text + "'");
		}
	}

	private String keyLike(String field, String key, boolean mayBeEmpty) {
		if (key == null || (key.isEmpty() && !mayBeEmpty)) {
			throw new InvalidRequestException(field, field + " must not be empty");
		}
		int bytes = key.getBytes(StandardCharsets.UTF_8).length;
		if (bytes > this.limits.maxKeyBytes()) {
			throw new InvalidRequestException(field,
					field + " is " + bytes + " bytes; the limit is " + this.limits.maxKeyBytes());
		}
		for (int i = 0; i < key.length(); i++) {
			char c = key.charAt(i);
			if (Character.isISOControl(c) || c == '\uFFFD') {
				throw new InvalidRequestException(field,
						field + " must not contain control characters or invalid UTF-8");
			}
		}
		return key;
	}

}
