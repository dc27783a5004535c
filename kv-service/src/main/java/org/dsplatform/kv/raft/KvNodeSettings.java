package org.dsplatform.kv.raft;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * What one kv node needs to join its Raft group.
 *
 * @param nodeId this node's peer id (e.g. {@code kv-1})
 * @param peers every initial member: peer id to Raft address ({@code host:port}), this
 * node included
 * @param dataDir where the Raft log, snapshots and metadata live
 * @param snapshotThreshold take a snapshot (and purge the log up to it) every this many
 * applied entries
 * @param historyLimit how many recent changes to keep for watches and the change stream
 * @param electionTimeoutMin the lower bound of the randomised election timeout
 * @param electionTimeoutMax its upper bound
 * @param requestTimeout how long a client request may take before it fails as unavailable
 * (no quorum)
 * @param logSegmentBytes the size at which a Raft log segment is closed; only closed
 * segments are purged behind a snapshot
 */
public record KvNodeSettings(String nodeId, Map<String, String> peers, Path dataDir, long snapshotThreshold,
		int historyLimit, Duration electionTimeoutMin, Duration electionTimeoutMax, Duration requestTimeout,
		long logSegmentBytes) {

	public KvNodeSettings {
		peers = Map.copyOf(peers);
	}

	/** The Raft port of this node, from its own entry in the peer list. */
	public int raftPort() {
		String address = this.peers.get(this.nodeId);
		if (address == null) {
			throw new IllegalArgumentException("The peer list has no entry for this node (" + this.nodeId + ")");
		}
		return Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
	}

}
