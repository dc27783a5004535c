package org.dsplatform.kv.raft;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.dsplatform.kv.statemachine.KvCodec.Reply;
import org.dsplatform.kv.storage.KvCommand.Delete;
import org.dsplatform.kv.storage.KvCommand.Precondition;
import org.dsplatform.kv.storage.KvCommand.Put;
import org.dsplatform.kv.storage.KvQuery.Get;
import org.dsplatform.kv.storage.KvResult;
import org.dsplatform.kv.storage.KvResult.Found;
import org.dsplatform.kv.storage.KvResult.KeyNotFound;
import org.dsplatform.kv.storage.KvResult.PreconditionFailed;
import org.dsplatform.kv.storage.KvResult.Written;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The replicated store on a real 3-node Raft group: linearizability, failover,
 * durability, catch-up.
 */
class KvRaftServerIntegrationTests {

	private static final Duration ELECTION = Duration.ofSeconds(20);

	@TempDir
	Path dir;

	@Test
	void readsAWriteAckedByOneNodeLinearizablyFromEveryOther() throws Exception {
		try (KvCluster cluster = KvCluster.start(3, this.dir)) {
			cluster.awaitLeader(ELECTION);
			for (int i = 0; i < 20; i++) {
				KvRaftServer writer = cluster.nodes().get(i % 3);
				Written written = (Written) KvCluster.write(writer, put("k", "v" + i));
				// Every other node must see this acknowledged write on its very next
				// linearizable read.
				for (KvRaftServer reader : cluster.nodes()) {
					Reply reply = reader.readLinearizable(new Get("k")).get(10, TimeUnit.SECONDS);
					Found found = (Found) reply.result();
					assertThat(found.keyValue().value()).as("read on %s after write %d", reader.nodeId(), i)
						.isEqualTo("v" + i);
					assertThat(found.revision()).isGreaterThanOrEqualTo(written.revision());
				}
			}
		}
	}

	@Test
	void resumesWritesAfterTheLeaderIsKilled() throws Exception {
		try (KvCluster cluster = KvCluster.start(3, this.dir)) {
			KvRaftServer leader = cluster.awaitLeader(ELECTION);
			KvCluster.write(leader, put("before", "1"));
			String oldLeader = leader.nodeId();
			cluster.stop(oldLeader);
			long begin = System.nanoTime();
			KvRaftServer survivor = cluster.nodes().get(0);
			KvResult after = KvCluster.write(survivor, put("after", "2"));
			long failoverMs = (System.nanoTime() - begin) / 1_000_000;
			System.out.printf("writes resumed %d ms after the leader was stopped%n", failoverMs);
			assertThat(after).isInstanceOf(Written.class);
			assertThat(cluster.awaitLeader(ELECTION).nodeId()).isNotEqualTo(oldLeader);
			assertThat(failoverMs).isLessThan(10_000);
			for (KvRaftServer node : cluster.nodes()) {
				assertThat(value(node, "before")).isEqualTo("1");
				assertThat(value(node, "after")).isEqualTo("2");
			}
		}
	}

	@Test
	void losesNoAcknowledgedWriteAcrossAFullRestart() throws Exception {
		List<String> acked = new ArrayList<>();
		try (KvCluster cluster = KvCluster.start(3, this.dir, 50, System::nanoTime)) {
			KvRaftServer leader = cluster.awaitLeader(ELECTION);
			for (int i = 0; i < 120; i++) {
				if (KvCluster.write(leader, put("key-" + i, "value-" + i)) instanceof Written) {
					acked.add("key-" + i);
				}
			}
			cluster.ids().forEach(cluster::stop);
			cluster.ids().forEach(cluster::restart);
			cluster.awaitLeader(ELECTION);
			for (KvRaftServer node : cluster.nodes()) {
				for (String key : acked) {
					assertThat(value(node, key)).isEqualTo(key.replace("key", "value"));
				}
			}
			assertThat(acked).hasSize(120);
			assertThat(cluster.nodes()).allSatisfy((node) -> assertThat(node.store().revision()).isEqualTo(120));
		}
	}

	@Test
	void catchesUpALaggingNodeByInstallingASnapshot() throws Exception {
		try (KvCluster cluster = KvCluster.start(3, this.dir, 40, System::nanoTime)) {
			KvRaftServer leader = cluster.awaitLeader(ELECTION);
			String lagging = cluster.aFollower().nodeId();
			// The lagging node holds a key that is deleted while it is away: the snapshot
			// must replace its state, not add to it.
			KvCluster.write(leader, put("doomed", "here before"));
			cluster.stop(lagging);
			KvCluster.write(leader, new Delete("doomed", Precondition.NONE, null));
			for (int i = 0; i < 298; i++) {
				KvCluster.write(leader, put("key-" + i, "value-" + i));
			}
			// The leader has purged its log behind its snapshots, so the lagging node
			// cannot replay it.
			assertThat(leader.stateMachine().snapshotCount()).isGreaterThan(0);
			KvRaftServer restarted = cluster.restart(lagging);
			long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
			while ((restarted.store().revision() < 300 || restarted.stateMachine().snapshotsInstalled() == 0)
					&& System.nanoTime() < deadline) {
				Thread.sleep(50);
			}
			assertThat(restarted.store().revision()).isEqualTo(300);
			assertThat(restarted.stateMachine().snapshotsInstalled()).as("snapshots installed from the leader")
				.isPositive();
			assertThat(restarted.readStale(new Get("key-0")).result()).isInstanceOf(Found.class);
			assertThat(restarted.readStale(new Get("key-297")).result()).isInstanceOf(Found.class);
			assertThat(restarted.readStale(new Get("doomed")).result()).isInstanceOf(KeyNotFound.class);
			Member member = leader.members().stream().filter((m) -> m.id().equals(lagging)).findFirst().orElseThrow();
			assertThat(member.lastSnapshotIndex()).as("the lagging node holds a snapshot").isPositive();
		}
	}

	@Test
	void describesEveryLiveMemberToEachNodeAndOnlyTheStoppedOneAsUnreachable() throws Exception {
		try (KvCluster cluster = KvCluster.start(3, this.dir)) {
			KvRaftServer leader = cluster.awaitLeader(ELECTION);
			KvCluster.write(leader, put("k", "v"));
			for (int round = 0; round < 5; round++) {
				for (KvRaftServer node : cluster.nodes()) {
					assertThat(node.members()).as("%s's view, round %d", node.nodeId(), round)
						.allSatisfy((member) -> assertThat(member.role()).isIn("LEADER", "FOLLOWER"))
						.allSatisfy((member) -> assertThat(member.leaderId()).isEqualTo(leader.nodeId()))
						.extracting(Member::role)
						.containsOnlyOnce("LEADER");
				}
			}
			String stopped = cluster.aFollower().nodeId();
			cluster.stop(stopped);
			for (KvRaftServer node : cluster.nodes()) {
				// A member that does not answer holds up no other: each is asked on its
				// own thread.
				List<Member> view = node.members();
				assertThat(view).as("%s's view", node.nodeId())
					.filteredOn((member) -> member.id().equals(stopped))
					.extracting(Member::role)
					.containsExactly("UNREACHABLE");
				assertThat(view).as("%s's view", node.nodeId())
					.filteredOn((member) -> !member.id().equals(stopped))
					.extracting(Member::role)
					.hasSize(2)
					.doesNotContain("UNREACHABLE");
			}
		}
	}

	@Test
	void letsExactlyOneOfRacingCompareAndSetsWin() throws Exception {
		try (KvCluster cluster = KvCluster.start(3, this.dir)) {
			cluster.awaitLeader(ELECTION);
			KvCluster.write(cluster.nodes().get(0), put("counter", "0"));
			int racers = 12;
			for (int round = 0; round < 5; round++) {
				long version = ((Found) cluster.nodes().get(0).readLinearizable(new Get("counter")).get().result())
					.keyValue()
					.version();
				CountDownLatch start = new CountDownLatch(1);
				ExecutorService pool = Executors.newFixedThreadPool(racers);
				List<Future<KvResult>> results = new ArrayList<>();
				for (int i = 0; i < racers; i++) {
					KvRaftServer node = cluster.nodes().get(i % 3);
					String value = "round " + round + " racer " + i;
					results.add(pool.submit(() -> {
						start.await();
						return node.write(new Put("counter", value, 0, new Precondition(version, null), null))
							.get(30, TimeUnit.SECONDS)
							.result();
					}));
				}
				start.countDown();
				int won = 0;
				for (Future<KvResult> result : results) {
					KvResult outcome = result.get();
					if (outcome instanceof Written) {
						won++;
					}
					else {
						assertThat(outcome).isInstanceOf(PreconditionFailed.class);
					}
				}
				pool.shutdown();
				assertThat(won).as("winners in round " + round).isEqualTo(1);
			}
		}
	}

	@Test
	void failsAsUnavailableWithinTheTimeoutWithoutQuorum() throws Exception {
		try (KvCluster cluster = KvCluster.start(3, this.dir)) {
			KvRaftServer leader = cluster.awaitLeader(ELECTION);
			KvCluster.write(leader, put("k", "v"));
			KvRaftServer last = cluster.aFollower();
			for (String id : cluster.ids()) {
				if (!id.equals(last.nodeId())) {
					cluster.stop(id);
				}
			}
			long begin = System.nanoTime();
			CompletableFuture<Reply> write = last.write(put("k", "w"));
			assertThatExceptionOfType(Exception.class).isThrownBy(() -> write.get(30, TimeUnit.SECONDS))
				.withCauseInstanceOf(KvUnavailableException.class);
			assertThat(Duration.ofNanos(System.nanoTime() - begin)).isLessThan(Duration.ofSeconds(15));
			assertThat(last.readStale(new Get("k")).result()).isInstanceOf(Found.class);
		}
	}

	@Test
	void transfersLeadershipToTheChosenMember() throws Exception {
		try (KvCluster cluster = KvCluster.start(3, this.dir)) {
			KvRaftServer leader = cluster.awaitLeader(ELECTION);
			String target = cluster.aFollower().nodeId();
			leader.transferLeadership(target);
			assertThat(cluster.awaitLeader(ELECTION).nodeId()).isEqualTo(target);
			assertThat(KvCluster.write(cluster.node(target), put("after-transfer", "1"))).isInstanceOf(Written.class);
		}
	}

	@Test
	void addsAnEmptyMemberThatCatchesUpAndRemovesAnother() throws Exception {
		try (KvCluster cluster = KvCluster.start(3, this.dir)) {
			KvRaftServer leader = cluster.awaitLeader(ELECTION);
			for (int i = 0; i < 50; i++) {
				KvCluster.write(leader, put("key-" + i, "value-" + i));
			}
			KvRaftServer joining = cluster.startNewNode("kv-4");
			leader.addMember("kv-4", cluster.address("kv-4"));
			long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
			while (joining.store().revision() < 50 && System.nanoTime() < deadline) {
				Thread.sleep(50);
			}
			assertThat(joining.store().revision()).isEqualTo(50);
			assertThat(value(joining, "key-49")).isEqualTo("value-49");
			assertThat(leader.members()).extracting(Member::id).containsExactly("kv-1", "kv-2", "kv-3", "kv-4");

			String leaving = cluster.aFollower().nodeId();
			cluster.awaitLeader(ELECTION).removeMember(leaving);
			cluster.stop(leaving);
			KvRaftServer current = cluster.awaitLeader(ELECTION);
			assertThat(current.members()).extracting(Member::id).doesNotContain(leaving).hasSize(3);
			assertThat(KvCluster.write(current, put("after-change", "1"))).isInstanceOf(Written.class);
		}
	}

	private static String value(KvRaftServer node, String key) throws Exception {
		return ((Found) node.readLinearizable(new Get(key)).get(10, TimeUnit.SECONDS).result()).keyValue().value();
	}

	private static Put put(String key, String value) {
		return new Put(key, value, 0, Precondition.NONE, null);
	}

}
