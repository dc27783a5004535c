package org.dsplatform.kv.lease;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.dsplatform.kv.raft.KvCluster;
import org.dsplatform.kv.raft.KvRaftServer;
import org.dsplatform.kv.storage.Change;
import org.dsplatform.kv.storage.KvCommand.GrantLease;
import org.dsplatform.kv.storage.KvCommand.KeepAlive;
import org.dsplatform.kv.storage.KvCommand.Precondition;
import org.dsplatform.kv.storage.KvCommand.Put;
import org.dsplatform.kv.storage.KvQuery.Get;
import org.dsplatform.kv.storage.KvResult.Found;
import org.dsplatform.kv.storage.KvResult.KeyNotFound;
import org.dsplatform.kv.storage.KvResult.LeaseState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Lease expiry on a real 3-node group: decided by the leader's clock, applied by every
 * replica at the same index.
 */
class LeaseExpiryIntegrationTests {

	@TempDir
	Path dir;

	@Test
	void expiresALeaseIdenticallyOnEveryReplicaWhileARenewedOneLives() throws Exception {
		try (KvCluster cluster = KvCluster.start(3, this.dir); Expirers expirers = Expirers.on(cluster)) {
			KvRaftServer leader = cluster.awaitLeader(Duration.ofSeconds(20));
			long doomed = ((LeaseState) KvCluster.write(leader, new GrantLease(400))).leaseId();
			long kept = ((LeaseState) KvCluster.write(leader, new GrantLease(400))).leaseId();
			for (String key : List.of("a", "b", "c")) {
				KvCluster.write(leader, new Put("doomed/" + key, "v", doomed, Precondition.NONE, null));
			}
			KvCluster.write(leader, new Put("kept", "v", kept, Precondition.NONE, null));
			long deadline = System.nanoTime() + Duration.ofMillis(1500).toNanos();
			while (System.nanoTime() < deadline) {
				KvCluster.write(leader, new KeepAlive(kept));
				Thread.sleep(100);
			}
			for (KvRaftServer node : cluster.nodes()) {
				assertThat(node.readStale(new Get("doomed/a")).result()).as(node.nodeId())
					.isInstanceOf(KeyNotFound.class);
				assertThat(node.readStale(new Get("kept")).result()).as(node.nodeId()).isInstanceOf(Found.class);
			}
			List<Change> reference = cluster.nodes().get(0).store().changesSince(1, 100);
			assertThat(reference).filteredOn((change) -> change.operation() == Change.Operation.DELETE)
				.extracting(Change::key)
				.containsExactly("doomed/a", "doomed/b", "doomed/c");
			for (KvRaftServer node : cluster.nodes()) {
				assertThat(node.store().changesSince(1, 100)).as("history of " + node.nodeId()).isEqualTo(reference);
			}
		}
	}

	@Test
	void aLeaseLastsAFullTtlAfterALeaderChangeThatCameBeforeItsDeadline() throws Exception {
		try (KvCluster cluster = KvCluster.start(3, this.dir); Expirers expirers = Expirers.on(cluster)) {
			KvRaftServer leader = cluster.awaitLeader(Duration.ofSeconds(20));
			long ttlMs = 3000;
			long lease = ((LeaseState) KvCluster.write(leader, new GrantLease(ttlMs))).leaseId();
			KvCluster.write(leader, new Put("held", "v", lease, Precondition.NONE, null));
			long granted = System.nanoTime();
			// No keepalive from here on: the leader goes away shortly before the
			// lease's deadline, and while the group elects another no keepalive
			// could have been applied anyway.
			Thread.sleep(ttlMs * 8 / 10);
			cluster.stop(leader.nodeId());
			cluster.awaitLeader(Duration.ofSeconds(20));
			long elected = System.nanoTime();
			Thread.sleep(ttlMs / 2);
			assertThat(Duration.ofNanos(System.nanoTime() - granted)).as("past the lease's first deadline")
				.isGreaterThan(Duration.ofMillis(ttlMs));
			for (KvRaftServer node : cluster.nodes()) {
				assertThat(node.readStale(new Get("held")).result()).as(node.nodeId()).isInstanceOf(Found.class);
			}
			// A full ttl after the change, with nobody renewing, it ends.
			long end = elected + Duration.ofMillis(ttlMs + 3000).toNanos();
			for (KvRaftServer node : cluster.nodes()) {
				while (node.readStale(new Get("held")).result() instanceof Found && System.nanoTime() < end) {
					Thread.sleep(50);
				}
				assertThat(node.readStale(new Get("held")).result()).as(node.nodeId()).isInstanceOf(KeyNotFound.class);
			}
		}
	}

	/** A lease expirer on every node, each looking every 50 ms. */
	private record Expirers(List<LeaseExpirer> all) implements AutoCloseable {

		static Expirers on(KvCluster cluster) {
			List<LeaseExpirer> all = new ArrayList<>();
			cluster.nodes().forEach((node) -> all.add(new LeaseExpirer(node, 50)));
			return new Expirers(all);
		}

		@Override
		public void close() {
			this.all.forEach(LeaseExpirer::close);
		}

	}

}
