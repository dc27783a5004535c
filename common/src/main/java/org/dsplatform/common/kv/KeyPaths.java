package org.dsplatform.common.kv;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Keys as URL paths: each '/'-separated segment percent-encoded, the slashes kept.
 */
public final class KeyPaths {

	private KeyPaths() {
	}

	public static String encode(String key) {
		StringBuilder path = new StringBuilder();
		String[] segments = key.split("/", -1);
		for (int i = 0; i < segments.length; i++) {
			if (i > 0) {
				path.append('/');
			}
			path.append(URLEncoder.encode(segments[i], StandardCharsets.UTF_8).replace("+", "%20"));
		}
		return path.toString();
	}

}
