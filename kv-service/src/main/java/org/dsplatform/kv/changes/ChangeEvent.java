package org.dsplatform.kv.changes;

import org.dsplatform.kv.storage.Change;

/**
 * The value of a record on the {@code kv.changes} topic (its key is the KV key).
 * Revisions are consecutive, so a consumer that keeps the last revision it saw can drop
 * duplicates and notice a gap.
 *
 * @param revision the revision of the change
 * @param operation {@code PUT} or {@code DELETE}
 * @param key the key
 * @param value the new value, {@code null} for a delete
 * @param version the key's version after the change (0 for a delete)
 * @param leaseId the key's lease, 0 for none
 */
public record ChangeEvent(long revision, String operation, String key, String value, long version, long leaseId) {

	static ChangeEvent of(Change change) {
		return new ChangeEvent(change.revision(), change.operation().name(), change.key(), change.value(),
				change.version(), change.leaseId());
	}

}
