package org.dsplatform.kv;

import org.apache.ratis.server.DivisionInfo;
import org.dsplatform.kv.raft.KvRaftServer;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

/**
 * This node's place in the Raft group. Up while it knows a leader (it can serve
 * linearizable requests); out of service while there is none it can reach, so the gateway
 * sends requests to a node that can answer them; down once its Raft peer has closed after
 * a fatal error, which only a restart of the process repairs (the liveness group includes
 * {@link RaftPeerHealthIndicator} for that).
 */
@Component("raft")
class RaftHealthIndicator extends AbstractHealthIndicator {

	private final KvRaftServer node;

	RaftHealthIndicator(KvRaftServer node) {
		this.node = node;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		DivisionInfo info = this.node.info();
		Status status = !info.isAlive() ? Status.DOWN
				: (info.getLeaderId() != null) ? Status.UP : Status.OUT_OF_SERVICE;
		builder.status(status)
			.withDetail("lifeCycle", info.getLifeCycleState().name())
			.withDetail("role", info.getCurrentRole().name())
			.withDetail("term", info.getCurrentTerm())
			.withDetail("leaderId", (info.getLeaderId() != null) ? info.getLeaderId().toString() : "none")
			.withDetail("appliedIndex", info.getLastAppliedIndex())
			.withDetail("revision", this.node.store().revision());
	}

	/**
	 * Whether this node's Raft peer is alive at all, whatever its role: an election is no
	 * reason to restart a node, a peer closed by a fatal error is.
	 */
	@Component("raftPeer")
	static class RaftPeerHealthIndicator extends AbstractHealthIndicator {

		private final KvRaftServer node;

		RaftPeerHealthIndicator(KvRaftServer node) {
			this.node = node;
		}

		@Override
		protected void doHealthCheck(Health.Builder builder) {
			DivisionInfo info = this.node.info();
			builder.status(info.isAlive() ? Status.UP : Status.DOWN)
				.withDetail("lifeCycle", info.getLifeCycleState().name());
		}

	}

}
