package org.dsplatform.kv.api;

import java.net.URI;

/**
 * The problem types the kv service adds to the platform's common ones. Stable: clients
 * may branch on them.
 */
final class KvProblemTypes {

	/** The key does not exist. */
	static final URI KEY_NOT_FOUND = URI.create("/problems/kv/key-not-found");

	/**
	 * A compare-and-set precondition did not hold; {@code currentVersion} says the key's
	 * version.
	 */
	static final URI PRECONDITION_FAILED = URI.create("/problems/kv/precondition-failed");

	/**
	 * The write's fencing token is lower than one already seen for its lock;
	 * {@code highestToken} says it.
	 */
	static final URI FENCED = URI.create("/problems/kv/fenced");

	/** The lease does not exist (never granted, expired or revoked). */
	static final URI LEASE_NOT_FOUND = URI.create("/problems/kv/lease-not-found");

	/**
	 * The revision asked for is older than the retained history; {@code oldestRevision}
	 * says the oldest.
	 */
	static final URI COMPACTED = URI.create("/problems/kv/revision-compacted");

	/** No leader or no quorum within the request timeout; retry later. */
	static final URI UNAVAILABLE = URI.create("/problems/kv/unavailable");

	private KvProblemTypes() {
	}

}
