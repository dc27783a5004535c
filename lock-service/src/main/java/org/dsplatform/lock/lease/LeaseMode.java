package org.dsplatform.lock.lease;

/**
 * What a lease grants: the whole of a mutex, a share or the whole of a read-write lock,
 * or one permit of a semaphore.
 */
public enum LeaseMode {

	EXCLUSIVE("x"),

	READ("r"),

	WRITE("w"),

	PERMIT("p");

	private final String code;

	LeaseMode(String code) {
		this.code = code;
	}

	String code() {
		return this.code;
	}

	static LeaseMode ofCode(String code) {
		for (LeaseMode mode : values()) {
			if (mode.code.equals(code)) {
				return mode;
			}
		}
		throw new IllegalArgumentException("Unknown lease mode '" + code + "'");
	}

	/**
	 * The mode a grant of the given primitive may have.
	 */
	boolean fits(Primitive primitive) {
		return switch (primitive) {
			case MUTEX -> this == EXCLUSIVE;
			case READ_WRITE -> this == READ || this == WRITE;
			case SEMAPHORE -> this == PERMIT;
		};
	}

}
