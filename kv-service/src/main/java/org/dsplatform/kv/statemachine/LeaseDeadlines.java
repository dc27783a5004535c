package org.dsplatform.kv.statemachine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import org.dsplatform.kv.storage.KvCommand.ExpireLeases.Expiry;

/**
 * When each lease expires by this replica's clock. Local bookkeeping, never replicated: a
 * replica sets a lease's deadline when it applies the grant or a renewal, and only the
 * leader acts on deadlines, by proposing an expiry that every replica then applies at the
 * same log index. A new leader's deadlines come from its own apply times, at or after the
 * old leader's, so a leader change can extend a lease but never cut it short; so does a
 * restart, which sets every deadline a full ttl after the replay.
 * <p>
 * A leader change also gives every lease a full ttl from then on
 * ({@link #leaderChanged()}), as etcd does on promotion: while the group had no leader,
 * no keepalive could be applied, and a lease must not expire for that.
 */
final class LeaseDeadlines {

	private final LongSupplier nanoClock;

	private final Map<Long, Deadline> deadlines = new ConcurrentHashMap<>();

	LeaseDeadlines(LongSupplier nanoClock) {
		this.nanoClock = nanoClock;
	}

	void renewed(long leaseId, long ttlMs, long renewals) {
		this.deadlines.put(leaseId, new Deadline(this.nanoClock.getAsLong() + ttlMs * 1_000_000, ttlMs, renewals));
	}

	/**
	 * Moves every deadline to a full ttl from now, as if each lease had just been
	 * renewed.
	 */
	void leaderChanged() {
		long now = this.nanoClock.getAsLong();
		this.deadlines.replaceAll(
				(id, deadline) -> new Deadline(now + deadline.ttlMs * 1_000_000, deadline.ttlMs, deadline.renewals));
	}

	void ended(long leaseId) {
		this.deadlines.remove(leaseId);
	}

	void reset(Map<Long, long[]> timings) {
		this.deadlines.clear();
		timings.forEach((id, timing) -> renewed(id, timing[0], timing[1]));
	}

	/**
	 * The leases whose deadline has passed, each with the renewal count it had then.
	 */
	List<Expiry> expired() {
		long now = this.nanoClock.getAsLong();
		List<Expiry> expired = new ArrayList<>();
		this.deadlines.forEach((id, deadline) -> {
			if (now - deadline.nanos >= 0) {
				expired.add(new Expiry(id, deadline.renewals));
			}
		});
		return expired;
	}

	private record Deadline(long nanos, long ttlMs, long renewals) {

	}

}
