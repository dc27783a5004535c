package org.dsplatform.kv.statemachine;

import java.util.concurrent.atomic.AtomicLong;

import org.dsplatform.kv.storage.KvCommand.ExpireLeases.Expiry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LeaseDeadlinesTests {

	private static final long MS = 1_000_000;

	private final AtomicLong now = new AtomicLong(5_000 * MS);

	private final LeaseDeadlines deadlines = new LeaseDeadlines(this.now::get);

	@Test
	void aLeaseExpiresItsTtlAfterItsLastRenewal() {
		this.deadlines.renewed(1, 1000, 0);
		this.now.addAndGet(600 * MS);
		this.deadlines.renewed(1, 1000, 1);
		this.now.addAndGet(999 * MS);
		assertThat(this.deadlines.expired()).isEmpty();
		this.now.addAndGet(MS);
		assertThat(this.deadlines.expired()).containsExactly(new Expiry(1, 1));
	}

	@Test
	void aLeaderChangeGivesEveryLeaseAFullTtlFromThen() {
		this.deadlines.renewed(1, 1000, 0);
		this.deadlines.renewed(2, 60_000, 3);
		// The group had no leader for 1.5 s: no keepalive could be applied.
		this.now.addAndGet(1500 * MS);
		assertThat(this.deadlines.expired()).containsExactly(new Expiry(1, 0));
		this.deadlines.leaderChanged();
		assertThat(this.deadlines.expired()).isEmpty();
		this.now.addAndGet(999 * MS);
		assertThat(this.deadlines.expired()).isEmpty();
		this.now.addAndGet(MS);
		assertThat(this.deadlines.expired()).containsExactly(new Expiry(1, 0));
		// Lease 2 too now ends a full ttl after the leader change.
		this.now.set(5_000 * MS + 1_500 * MS + 60_000 * MS - MS);
		assertThat(this.deadlines.expired()).containsExactly(new Expiry(1, 0));
		this.now.addAndGet(MS);
		assertThat(this.deadlines.expired()).containsExactlyInAnyOrder(new Expiry(1, 0), new Expiry(2, 3));
	}

	@Test
	void anEndedLeaseHasNoDeadline() {
		this.deadlines.renewed(1, 1000, 0);
		this.deadlines.ended(1);
		this.deadlines.leaderChanged();
		this.now.addAndGet(10_000 * MS);
		assertThat(this.deadlines.expired()).isEmpty();
	}

}
