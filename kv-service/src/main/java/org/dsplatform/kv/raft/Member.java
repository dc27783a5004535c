package org.dsplatform.kv.raft;

/**
 * One member of the Raft group as it reports itself.
 *
 * @param id the peer id
 * @param address its Raft address
 * @param role {@code LEADER}, {@code FOLLOWER}, {@code CANDIDATE}, {@code LISTENER} or
 * {@code UNREACHABLE}
 * @param term its current term
 * @param leaderId the leader it knows, or {@code null}
 * @param commitIndex its commit index
 * @param appliedIndex its last applied index
 * @param lastSnapshotIndex the index of its latest snapshot
 */
public record Member(String id, String address, String role, long term, String leaderId, long commitIndex,
		long appliedIndex, long lastSnapshotIndex) {

}
