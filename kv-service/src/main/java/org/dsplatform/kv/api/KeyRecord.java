package org.dsplatform.kv.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.dsplatform.kv.storage.KeyValue;

/**
 * A key as the API shows it.
 *
 * @param key the key
 * @param value its value (absent in the answer to a write)
 * @param revision the store's revision when answered
 * @param version the key's version (1 when created)
 * @param createRevision the revision that created it
 * @param modRevision the revision of its last change
 * @param leaseId its lease, if any
 * @param consistency how it was read: {@code linearizable} or {@code stale} (absent for
 * writes)
 * @param appliedIndex for a stale read, the log index the answering replica had applied
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record KeyRecord(String key, String value, long revision, long version, long createRevision, long modRevision,
		Long leaseId, String consistency, Long appliedIndex) {

	static KeyRecord written(KeyValue keyValue, long revision) {
		return new KeyRecord(keyValue.key(), null, revision, keyValue.version(), keyValue.createRevision(),
				keyValue.modRevision(), leaseOf(keyValue), null, null);
	}

	static KeyRecord read(KeyValue keyValue, long revision, boolean stale, long appliedIndex) {
		return new KeyRecord(keyValue.key(), keyValue.value(), revision, keyValue.version(), keyValue.createRevision(),
				keyValue.modRevision(), leaseOf(keyValue), stale ? "stale" : "linearizable",
				stale ? appliedIndex : null);
	}

	private static Long leaseOf(KeyValue keyValue) {
		return (keyValue.leaseId() != 0) ? keyValue.leaseId() : null;
	}

}
