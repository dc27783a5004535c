package org.dsplatform.lock.lease;

import java.util.Objects;

/**
 * One lock: a primitive and a name. Names are validated at the edge of the service (see
 * the API package); here they are any non-empty text without control characters.
 */
public record LockId(Primitive primitive, String name) {

	public LockId {
		Objects.requireNonNull(primitive, "primitive");
		if (name == null || name.isEmpty()) {
			throw new IllegalArgumentException("A lock needs a name");
		}
	}

	public static LockId mutex(String name) {
		return new LockId(Primitive.MUTEX, name);
	}

	public static LockId readWrite(String name) {
		return new LockId(Primitive.READ_WRITE, name);
	}

	public static LockId semaphore(String name) {
		return new LockId(Primitive.SEMAPHORE, name);
	}

	/**
	 * How Redis names this lock in notifications and in the expiry index.
	 */
	String member() {
		return this.primitive.code() + "\n" + this.name;
	}

	@Override
	public String toString() {
		return this.primitive.code() + "/" + this.name;
	}

}
