package org.dsplatform.kv.raft;

/**
 * The cluster could not serve a request in time: no leader, no quorum, or this node cut
 * off. For a write, the outcome is unknown: it may still commit later.
 */
public class KvUnavailableException extends RuntimeException {

	public KvUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

}
