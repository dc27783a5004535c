package org.dsplatform.kv.storage;

/**
 * One committed change of one key. Revisions of changes are consecutive: every change
 * gets the previous revision plus one, so a reader of the change stream can tell a gap
 * from a quiet period.
 *
 * @param revision the revision of the change
 * @param operation what happened
 * @param key the key
 * @param value the new value, {@code null} for a delete
 * @param version the key's version after the change (0 for a delete)
 * @param leaseId the lease of the key after the change, or 0
 */
public record Change(long revision, Operation operation, String key, String value, long version, long leaseId) {

	public enum Operation {

		PUT, DELETE

	}

}
