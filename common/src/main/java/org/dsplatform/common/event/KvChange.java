package org.dsplatform.common.event;

/**
 * One committed change of the key-value store, as published on the {@code kv.changes}
 * topic (record key = the KV key) and streamed by watches. Revisions are consecutive
 * across the whole store, so a consumer that keeps the last revision it applied can drop
 * duplicates and notice a gap.
 *
 * @param revision the revision of the change
 * @param operation {@code PUT} or {@code DELETE}
 * @param key the key
 * @param value the new value, {@code null} for a delete
 * @param version the key's version after the change (0 for a delete)
 * @param leaseId the key's lease, 0 for none
 */
public record KvChange(long revision, String operation, String key, String value, long version, long leaseId) {

	public static final String TOPIC = "kv.changes";

	public boolean isDelete() {
		return "DELETE".equals(this.operation);
	}

}
