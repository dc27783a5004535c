package org.dsplatform.kv;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Configuration of a kv node.
 *
 * @param dataDir where this node keeps its Raft log and snapshots
 * @param raft the Raft group
 * @param limits what a request may carry
 * @param changes the change stream
 * @param watch the watches
 */
@ConfigurationProperties("kv")
public record KvProperties(Path dataDir, @DefaultValue Raft raft, @DefaultValue Limits limits,
		@DefaultValue Changes changes, @DefaultValue Watch watch) {

	/**
	 * @param peers every initial member as {@code id=host:port}, comma separated, this
	 * node included (its id is {@code platform.node-id})
	 * @param snapshotThreshold take a snapshot and purge the log every this many entries
	 * @param historyLimit how many recent changes are kept for watches and the change
	 * stream
	 * @param electionTimeoutMin lower bound of the randomised election timeout
	 * @param electionTimeoutMax its upper bound
	 * @param requestTimeout a request not served in this time fails with 503 (no leader
	 * or no quorum)
	 * @param logSegmentSize the size at which a log segment is closed; the log is purged
	 * behind a snapshot a whole closed segment at a time
	 */
	public record Raft(@DefaultValue("kv-1=127.0.0.1:9101") String peers, @DefaultValue("10000") long snapshotThreshold,
			@DefaultValue("10000") int historyLimit, @DefaultValue("500ms") Duration electionTimeoutMin,
			@DefaultValue("1000ms") Duration electionTimeoutMax, @DefaultValue("5s") Duration requestTimeout,
			@DefaultValue("8MB") DataSize logSegmentSize) {

		/** The peers as a map from id to address. */
		public Map<String, String> peerMap() {
			Map<String, String> map = new LinkedHashMap<>();
			for (String peer : this.peers.split(",")) {
				String[] parts = peer.trim().split("=", 2);
				if (parts.length != 2 || parts[0].isBlank() || !parts[1].contains(":")) {
					throw new IllegalArgumentException("kv.raft.peers: '" + peer + "' is not id=host:port");
				}
				map.put(parts[0].trim(), parts[1].trim());
			}
			return map;
		}

	}

	/**
	 * @param maxKeyBytes the longest key, in UTF-8 bytes
	 * @param maxValueBytes the largest value, in UTF-8 bytes
	 * @param maxPageSize the most keys one range request returns
	 * @param minLeaseTtl the shortest lease
	 * @param maxLeaseTtl the longest lease
	 */
	public record Limits(@DefaultValue("1024") int maxKeyBytes, @DefaultValue("1MB") DataSize maxValueBytes,
			@DefaultValue("1000") int maxPageSize, @DefaultValue("100ms") Duration minLeaseTtl,
			@DefaultValue("1d") Duration maxLeaseTtl) {

	}

	/**
	 * @param enabled whether the leader publishes committed changes to Kafka
	 * @param topic the topic
	 */
	public record Changes(@DefaultValue("true") boolean enabled, @DefaultValue("kv.changes") String topic) {

	}

	/**
	 * @param heartbeat how often an open watch gets a comment when it has had no change
	 * to carry, so that a client can tell a quiet watch from a node that stopped
	 * answering (the platform's KV client gives up on a watch silent for 8 s)
	 */
	public record Watch(@DefaultValue("2s") Duration heartbeat) {

	}

}
