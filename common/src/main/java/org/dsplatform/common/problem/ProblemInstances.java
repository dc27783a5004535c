package org.dsplatform.common.problem;

import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * The {@code instance} of a problem about a request whose path may be anything a client
 * sent: printable ASCII stays as it is, every other byte is percent-encoded, so the
 * result is always a valid URI reference.
 */
final class ProblemInstances {

	private static final String ALLOWED = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~!$&'()*+,;=:@/%";

	private ProblemInstances() {
	}

	static URI of(String rawPath) {
		if (rawPath == null || rawPath.isEmpty()) {
			return URI.create("/");
		}
		StringBuilder safe = new StringBuilder(rawPath.length());
		for (byte b : rawPath.getBytes(StandardCharsets.UTF_8)) {
			int c = b & 0xFF;
			if (c < 0x80 && ALLOWED.indexOf(c) >= 0) {
				safe.append((char) c);
			}
			else {
				safe.append('%')
					.append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
					.append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
			}
		}
		try {
			return URI.create(safe.toString());
		}
		catch (IllegalArgumentException ex) {
			// A '%' not followed by two hex digits: the path as sent cannot be a URI.
			return URI.create(safe.toString().replace("%", "%25"));
		}
	}

}
