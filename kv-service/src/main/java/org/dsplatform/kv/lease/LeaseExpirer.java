package org.dsplatform.kv.lease;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.dsplatform.kv.raft.KvRaftServer;
import org.dsplatform.kv.storage.KvCommand.ExpireLeases;
import org.dsplatform.kv.storage.KvCommand.ExpireLeases.Expiry;

/**
 * On the leader only: turns leases past their deadline (by the leader's clock) into an
 * {@link ExpireLeases} command through the log, so every replica deletes the same keys at
 * the same index. Followers do nothing; a new leader starts from its own deadlines.
 */
public final class LeaseExpirer implements AutoCloseable {

	private static final Log log = LogFactory.getLog(LeaseExpirer.class);

	private final KvRaftServer node;

	private final Set<Long> proposing = ConcurrentHashMap.newKeySet();

	private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor((runnable) -> {
		Thread thread = new Thread(runnable, "lease-expirer");
		thread.setDaemon(true);
		return thread;
	});

	public LeaseExpirer(KvRaftServer node, long periodMillis) {
		this.node = node;
		this.timer.scheduleWithFixedDelay(this::tick, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
	}

	private void tick() {
		try {
			if (!this.node.isLeaderReady()) {
				return;
			}
			List<Expiry> due = this.node.stateMachine()
				.expiredLeases()
				.stream()
				.filter((expiry) -> !this.proposing.contains(expiry.leaseId()))
				.toList();
			if (due.isEmpty()) {
				return;
			}
			due.forEach((expiry) -> this.proposing.add(expiry.leaseId()));
			this.node.write(new ExpireLeases(due))
				.whenComplete((reply, failure) -> due.forEach((expiry) -> this.proposing.remove(expiry.leaseId())));
		}
		catch (RuntimeException ex) {
			log.warn("Could not expire leases: " + ex.getMessage());
		}
	}

	@Override
	public void close() {
		this.timer.shutdownNow();
	}

}
