package org.dsplatform.lock.lease;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Lease ids: 128 random bits from a {@link SecureRandom}, URL-safe Base64 without padding
 * (22 characters). Unguessable, so knowing a lock's name and holder is not enough to
 * release it.
 */
public final class LeaseIds {

	private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9_-]{21}[AQgw]");

	private static final SecureRandom random = new SecureRandom();

	private LeaseIds() {
	}

	public static String next() {
		byte[] bytes = new byte[16];
		random.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	/**
	 * Whether the text has the form of a lease id (not whether such a lease exists).
	 */
	public static boolean isWellFormed(String text) {
		return text != null && FORMAT.matcher(text).matches();
	}

}
