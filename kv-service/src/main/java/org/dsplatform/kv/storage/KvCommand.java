package org.dsplatform.kv.storage;

import java.util.List;

/**
 * A change to the store. Commands are applied in log order by every replica, so applying
 * one must depend on nothing but the store and the command: no clock, no randomness, no
 * I/O.
 */
public sealed interface KvCommand {

	/**
	 * Sets a key, if its preconditions hold.
	 *
	 * @param key the key
	 * @param value the value
	 * @param leaseId attach the key to this lease (0: none)
	 * @param precondition what must hold for the write to happen
	 * @param fence the fencing token the writer holds, or {@code null}
	 */
	record Put(String key, String value, long leaseId, Precondition precondition, Fence fence) implements KvCommand {

	}

	/**
	 * Deletes a key, if its preconditions hold.
	 */
	record Delete(String key, Precondition precondition, Fence fence) implements KvCommand {

	}

	/**
	 * Creates a lease; its id is the log index of this command, so every replica assigns
	 * the same one.
	 */
	record GrantLease(long ttlMs) implements KvCommand {

	}

	/**
	 * Renews a lease. Counting renewals in the replicated state lets an expiry decided
	 * before a renewal be recognised as stale when it is applied after it.
	 */
	record KeepAlive(long leaseId) implements KvCommand {

	}

	/**
	 * Revokes a lease at a client's request, deleting the keys attached to it.
	 */
	record RevokeLease(long leaseId) implements KvCommand {

	}

	/**
	 * Expires leases, as decided by the leader's clock. Each expiry names the renewal
	 * count the leader saw: one renewed since is left alone.
	 */
	record ExpireLeases(List<Expiry> expiries) implements KvCommand {

		public ExpireLeases {
			expiries = List.copyOf(expiries);
		}

		public record Expiry(long leaseId, long renewals) {

		}

	}

	/**
	 * Records that every change up to {@code revision} is in the change stream, so a new
	 * leader resumes there.
	 */
	record MarkPublished(long revision) implements KvCommand {

	}

	/**
	 * What must be true of a key for a write to apply; {@link #NONE} for an unconditional
	 * write.
	 *
	 * @param expectedVersion the version the key must have (0: must not exist), or
	 * {@code null}
	 * @param expectedValue the value the key must have, or {@code null}
	 */
	record Precondition(Long expectedVersion, String expectedValue) {

		public static final Precondition NONE = new Precondition(null, null);

		public boolean isNone() {
			return this.expectedVersion == null && this.expectedValue == null;
		}

	}

	/**
	 * A fencing token of a lock, carried by a write: rejected if a higher token of the
	 * same lock was seen.
	 */
	record Fence(String lockName, long token) {

	}

}
