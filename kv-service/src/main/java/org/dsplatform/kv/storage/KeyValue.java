package org.dsplatform.kv.storage;

/**
 * One key as stored, with the revisions that make compare-and-set, watches and caches
 * exact (the model of etcd).
 *
 * @param key the key
 * @param value the value
 * @param createRevision the revision that created this incarnation of the key
 * @param modRevision the revision of its last change
 * @param version how many times this incarnation was written (1 after creation; a deleted
 * key has none)
 * @param leaseId the lease the key is attached to, or 0
 */
public record KeyValue(String key, String value, long createRevision, long modRevision, long version, long leaseId) {

}
