package org.dsplatform.kv.storage;

import java.util.List;

/**
 * What applying a command or answering a query produced. A refused write changes nothing.
 */
public sealed interface KvResult {

	/**
	 * A key was written or deleted.
	 *
	 * @param keyValue the key after a put, or as it was before a delete
	 * @param revision the store's revision after the change
	 */
	record Written(KeyValue keyValue, long revision) implements KvResult {

	}

	/**
	 * A precondition did not hold.
	 *
	 * @param key the key
	 * @param currentVersion its current version (0 if absent)
	 * @param revision the store's revision
	 */
	record PreconditionFailed(String key, long currentVersion, long revision) implements KvResult {

	}

	/**
	 * The write's fencing token is lower than one already seen for its lock.
	 */
	record Fenced(String lockName, long token, long highestToken) implements KvResult {

	}

	/**
	 * The key does not exist (a get or a delete).
	 */
	record KeyNotFound(String key, long revision) implements KvResult {

	}

	/**
	 * The lease does not exist (never granted, expired or revoked).
	 */
	record LeaseNotFound(long leaseId) implements KvResult {

	}

	/**
	 * A lease as it is now.
	 *
	 * @param leaseId the lease
	 * @param ttlMs its time to live from each renewal
	 * @param keys the keys attached to it
	 */
	record LeaseState(long leaseId, long ttlMs, List<String> keys) implements KvResult {

		public LeaseState {
			keys = List.copyOf(keys);
		}

	}

	/**
	 * Leases ended (revoked or expired) and the keys deleted with them.
	 */
	record LeasesEnded(List<Long> leaseIds, int keysDeleted, long revision) implements KvResult {

		public LeasesEnded {
			leaseIds = List.copyOf(leaseIds);
		}

	}

	/**
	 * A bookkeeping command that answers nothing.
	 */
	record Done(long revision) implements KvResult {

	}

	/**
	 * A key read.
	 *
	 * @param keyValue the key
	 * @param revision the store's revision when read
	 */
	record Found(KeyValue keyValue, long revision) implements KvResult {

	}

	/**
	 * A page of keys in key order.
	 *
	 * @param items the keys
	 * @param nextKey the first key of the next page, or {@code null} when this is the
	 * last
	 * @param revision the store's revision when read
	 */
	record Page(List<KeyValue> items, String nextKey, long revision) implements KvResult {

		public Page {
			items = List.copyOf(items);
		}

	}

}
