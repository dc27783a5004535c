package org.dsplatform.kv.storage;

/**
 * A read of the store; never changes it.
 */
public sealed interface KvQuery {

	record Get(String key) implements KvQuery {

	}

	/**
	 * Keys starting with {@code prefix}, from {@code fromKey} (inclusive) on, at most
	 * {@code limit} of them.
	 */
	record Range(String prefix, String fromKey, int limit) implements KvQuery {

	}

	record GetLease(long leaseId) implements KvQuery {

	}

}
