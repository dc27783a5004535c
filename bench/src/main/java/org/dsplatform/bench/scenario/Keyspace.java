package org.dsplatform.bench.scenario;

import java.util.random.RandomGenerator;

/**
 * A fixed set of keys, {@code <prefix>000000} to {@code <prefix><size - 1>}, zero-padded
 * to one width so that they sort in index order and have one length. Immutable.
 */
final class Keyspace {

	private static final int MIN_DIGITS = 6;

	private final String prefix;

	private final int size;

	private final int digits;

	Keyspace(String prefix, int size) {
		if (size < 1) {
			throw new IllegalArgumentException("a keyspace needs at least one key: " + size);
		}
		this.prefix = prefix;
		this.size = size;
		this.digits = Math.max(MIN_DIGITS, Integer.toString(size - 1).length());
	}

	int size() {
		return this.size;
	}

	/**
	 * The key at an index.
	 * @param index from 0 to {@code size - 1}
	 * @return such as {@code bench/k000123}
	 */
	String key(long index) {
		if (index < 0 || index >= this.size) {
			throw new IndexOutOfBoundsException("key " + index + " of " + this.size);
		}
		// On the request path, so no String.format.
		String number = Long.toString(index);
		return this.prefix + "0".repeat(this.digits - number.length()) + number;
	}

	/**
	 * A key drawn uniformly at random.
	 * @param random the source of randomness; {@code ThreadLocalRandom.current()} when
	 * called from many threads
	 * @return one of the keys
	 */
	String randomKey(RandomGenerator random) {
		return key(random.nextInt(this.size));
	}

	@Override
	public String toString() {
		return this.size + " keys, " + key(0) + " .. " + key(this.size - 1);
	}

}
