package org.dsplatform.lock.fencing;

/**
 * The layout of a fencing token: {@code epoch * 2^32 + counter}, a positive {@code long}.
 * <p>
 * The high 31 bits (below the sign bit) hold the epoch, the low 32 bits the grant counter
 * of the lock name under that epoch. Tokens of one name therefore grow with every grant
 * as long as the counter grows within an epoch and every new epoch is larger than the
 * last, whatever happens to the counter when the epoch changes. Compare tokens as plain
 * longs; never parse them.
 * <p>
 * From epoch 2^21 on, tokens exceed 2^53 and lose precision in a JavaScript
 * {@code Number}; such clients must read them as {@code BigInt} or text.
 */
public final class FencingToken {

	/** The largest epoch the layout holds: 2^31 - 1. */
	public static final long MAX_EPOCH = (1L << 31) - 1;

	/** The largest counter the layout holds: 2^32 - 1. */
	public static final long MAX_COUNTER = (1L << 32) - 1;

	private FencingToken() {
	}

	/**
	 * The token of the {@code counter}-th grant under {@code epoch}.
	 * @throws IllegalArgumentException if either part is out of range
	 */
	public static long of(long epoch, long counter) {
		if (epoch < 1 || epoch > MAX_EPOCH) {
			throw new IllegalArgumentException("epoch must be between 1 and " + MAX_EPOCH + " (got " + epoch + ")");
		}
		if (counter < 1 || counter > MAX_COUNTER) {
			throw new IllegalArgumentException(
					"counter must be between 1 and " + MAX_COUNTER + " (got " + counter + ")");
		}
		return (epoch << 32) | counter;
	}

	public static long epoch(long token) {
		return token >>> 32;
	}

	public static long counter(long token) {
		return token & MAX_COUNTER;
	}

}
