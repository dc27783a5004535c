package org.dsplatform.lock.lease;

/**
 * The three kinds of lock. Each is its own namespace: a mutex and a semaphore may share a
 * name without sharing anything but the name's fencing counter.
 */
public enum Primitive {

	/** One holder at a time. */
	MUTEX("mutex"),

	/** Many readers or one writer. */
	READ_WRITE("rw"),

	/** Up to a fixed number of holders, each with its own permit. */
	SEMAPHORE("semaphore");

	private final String code;

	Primitive(String code) {
		this.code = code;
	}

	/**
	 * The name used in Redis keys, in events and in the HTTP paths.
	 */
	public String code() {
		return this.code;
	}

	public static Primitive ofCode(String code) {
		for (Primitive primitive : values()) {
			if (primitive.code.equals(code)) {
				return primitive;
			}
		}
		throw new IllegalArgumentException("Unknown primitive '" + code + "'");
	}

}
