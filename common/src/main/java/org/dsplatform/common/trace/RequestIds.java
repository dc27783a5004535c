package org.dsplatform.common.trace;

import java.util.concurrent.ThreadLocalRandom;

/**
 * The platform's request ids. A client may name its request with an {@code X-Request-Id}
 * header; the platform keeps that id when it is safe to log and to send on (at most
 * {@value #MAX_LENGTH} characters of letters, digits, {@code - _ . :}), and otherwise, or
 * when there is none, makes one. The gateway passes the id on to the service it calls, so
 * a service that sees one keeps it.
 * <p>
 * Thread-safe; no method blocks or allocates more than the id itself.
 */
public final class RequestIds {

	/** The header that carries the id on requests and responses. */
	public static final String HEADER = "X-Request-Id";

	/** The key of the id in the logging MDC ({@code %X{requestId}} in a log pattern). */
	public static final String MDC_KEY = "requestId";

	/** The extension property of an RFC 9457 problem document that carries the id. */
	public static final String PROBLEM_PROPERTY = "requestId";

	/**
	 * The request (or exchange) attribute holding the id while the request is served.
	 */
	public static final String ATTRIBUTE = RequestIds.class.getName() + ".id";

	/** The longest id kept; a longer one is replaced. */
	public static final int MAX_LENGTH = 128;

	private static final char[] HEX = "0123456789abcdef".toCharArray();

	private RequestIds() {
	}

	/**
	 * The given id when it is acceptable, else a new one.
	 */
	public static String acceptOrGenerate(String candidate) {
		return isAcceptable(candidate) ? candidate : generate();
	}

	/**
	 * Whether an id from outside may be kept: not empty, at most {@value #MAX_LENGTH}
	 * characters, only letters, digits and {@code - _ . :}. Anything else (spaces, line
	 * breaks, quotes, brackets) could forge log lines or break the ones it is written in.
	 */
	public static boolean isAcceptable(String candidate) {
		if (candidate == null || candidate.isEmpty() || candidate.length() > MAX_LENGTH) {
			return false;
		}
		for (int i = 0; i < candidate.length(); i++) {
			char c = candidate.charAt(i);
			boolean safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'
					|| c == '_' || c == '.' || c == ':';
			if (!safe) {
				return false;
			}
		}
		return true;
	}

	/**
	 * A new id: 32 random hex digits. Ids only need to be unique enough to find a
	 * request's lines, not unguessable, so this uses no secure random source (which would
	 * cost more on every request).
	 */
	public static String generate() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		char[] id = new char[32];
		hex(random.nextLong(), id, 0);
		hex(random.nextLong(), id, 16);
		return new String(id);
	}

	private static void hex(long value, char[] into, int offset) {
		for (int i = 15; i >= 0; i--) {
			into[offset + i] = HEX[(int) (value & 0xF)];
			value >>>= 4;
		}
	}

}
