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
 * sends requests to a node that can answer them.
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
		builder.status((info.getLeaderId() != null) ? Status.UP : Status.OUT_OF_SERVICE)
			.withDetail("role", info.getCurrentRole().name())
			.withDetail("term", info.getCurrentTerm())
			.withDetail("leaderId", (info.getLeaderId() != null) ? info.getLeaderId().toString() : "none")
			.withDetail("appliedIndex", info.getLastAppliedIndex())
			.withDetail("revision", this.node.store().revision());
	}

}
