package org.dsplatform.gateway.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The configured keys, looked up by the digest of the key presented.
 * <p>
 * SHA-256 rather than a slow password hash: API keys are long random strings, not
 * passwords a person chose, so there is no dictionary to guard against, and a request
 * must not pay for bcrypt. Looking the digest up in a map leaks nothing useful through
 * timing: learning a digest's prefix does not help find a key.
 */
final class ApiKeys {

	private final Map<String, SecurityProperties.ApiKey> byDigest = new HashMap<>();

	ApiKeys(List<SecurityProperties.ApiKey> keys) {
		for (SecurityProperties.ApiKey key : keys) {
			if (key.name() == null || key.name().isBlank()) {
				throw new IllegalArgumentException("Every API key needs a name");
			}
			if (key.role() == null) {
				throw new IllegalArgumentException("API key '" + key.name() + "' needs a role (read, write or admin)");
			}
			String digest = (key.sha256() != null) ? key.sha256().trim().toLowerCase(Locale.ROOT) : "";
			if (!digest.matches("[0-9a-f]{64}")) {
				throw new IllegalArgumentException(
						"API key '" + key.name() + "' needs sha256: the 64 hex digits of the key's SHA-256 digest");
			}
			if (this.byDigest.put(digest, key) != null) {
				throw new IllegalArgumentException("Two API keys have the digest of '" + key.name() + "'");
			}
		}
	}

	/**
	 * The key with that secret, or {@code null}.
	 */
	SecurityProperties.ApiKey find(String presented) {
		return this.byDigest.get(digest(presented));
	}

	boolean isEmpty() {
		return this.byDigest.isEmpty();
	}

	static String digest(String key) {
		try {
			MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
			return HexFormat.of().formatHex(sha256.digest(key.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java platform has SHA-256", ex);
		}
	}

}
