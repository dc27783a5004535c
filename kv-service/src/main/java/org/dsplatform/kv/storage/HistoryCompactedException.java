package org.dsplatform.kv.storage;

/**
 * The changes asked for are older than the history the store keeps.
 */
public class HistoryCompactedException extends Exception {

	private final long oldestAvailableRevision;

	public HistoryCompactedException(long requestedRevision, long oldestAvailableRevision) {
		super("Revision " + requestedRevision + " is compacted; the oldest available is " + oldestAvailableRevision);
		this.oldestAvailableRevision = oldestAvailableRevision;
	}

	public long oldestAvailableRevision() {
		return this.oldestAvailableRevision;
	}

}
