package org.dsplatform.gateway.security;

/**
 * What an API key may do. Each role includes the ones before it: a key with {@code write}
 * may also read, one with {@code admin} may do anything.
 */
public enum Role {

	/** Reads: {@code GET} and {@code HEAD}, watches included. */
	READ,

	/** Writes: every other method, lock acquisition and lease creation included. */
	WRITE,

	/**
	 * Operations on the platform itself: Raft membership changes and leadership transfer.
	 */
	ADMIN;

	boolean includes(Role other) {
		return compareTo(other) >= 0;
	}

}
