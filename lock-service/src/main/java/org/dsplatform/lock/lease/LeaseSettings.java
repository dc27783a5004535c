package org.dsplatform.lock.lease;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link RedissonLockManager} runs.
 *
 * @param nodeId this node, named in the events it records
 * @param outboxKey the Redis stream the scripts record events in
 * @param outboxMaxLength about how many events the outbox keeps when they are not relayed
 * @param keyGrace how long a lock's keys outlive its last lease, so a late sweep can
 * still report the expiry
 * @param waiterHeartbeat how often a waiter renews its registration; a waiter whose node
 * dies is forgotten after three of these
 * @param sweepInterval how often expired leases nobody touched are reaped (with jitter)
 * @param maxListedHolders how many holders a state read lists at most
 */
public record LeaseSettings(String nodeId, String outboxKey, long outboxMaxLength, Duration keyGrace,
		Duration waiterHeartbeat, Duration sweepInterval, int maxListedHolders) {

	public LeaseSettings {
		Objects.requireNonNull(nodeId, "nodeId");
		Objects.requireNonNull(outboxKey, "outboxKey");
		if (waiterHeartbeat.toMillis() < 10 || sweepInterval.toMillis() < 10) {
			throw new IllegalArgumentException("The heartbeat and the sweep interval must be at least 10 ms");
		}
	}

}
