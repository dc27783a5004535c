package org.dsplatform.bench.etcd;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class EtcdClusterTests {

	@TempDir
	Path temp;

	@Test
	void givesEveryMemberItsOwnLoopbackPortsAndTheWholeClusterToJoin() {
		List<EtcdCluster.Member> members = EtcdCluster.Member.onFreePorts(3);
		Set<Integer> ports = new HashSet<>();
		members.forEach((member) -> {
			ports.add(member.clientPort());
			ports.add(member.peerPort());
		});

		List<String> command = EtcdCluster.command(Path.of("/usr/bin/etcd"), members.get(1), members, "bench-x",
				Path.of("/data/m2.etcd"), EtcdCluster.Settings.defaults());

		assertThat(ports).hasSize(6);
		EtcdCluster.Member m2 = members.get(1);
		assertThat(String.join(" ", command)).startsWith("/usr/bin/etcd --name m2 --data-dir /data/m2.etcd")
			.contains("--listen-client-urls http://127.0.0.1:" + m2.clientPort())
			.contains("--advertise-client-urls http://127.0.0.1:" + m2.clientPort())
			.contains("--listen-peer-urls http://127.0.0.1:" + m2.peerPort())
			.contains("--initial-advertise-peer-urls http://127.0.0.1:" + m2.peerPort())
			.contains("--initial-cluster m1=http://127.0.0.1:" + members.get(0).peerPort() + ",m2=http://127.0.0.1:"
					+ m2.peerPort() + ",m3=http://127.0.0.1:" + members.get(2).peerPort())
			.contains("--initial-cluster-token bench-x --initial-cluster-state new")
			.endsWith("--quota-backend-bytes 4294967296 --auto-compaction-mode revision "
					+ "--auto-compaction-retention 100000");
	}

	@Test
	void keepsEveryRevisionWhenCompactionIsOff() {
		assertThat(new EtcdCluster.Settings(3, 1024, 0, Duration.ofSeconds(1)).flags())
			.containsExactly("--quota-backend-bytes", "1024");
	}

	@Test
	void failsWithTheMembersLogWhenOneExitsWhileStarting() throws Exception {
		Path etcd = EtcdBinaryTests.script(this.temp.resolve("etcd"),
				"echo \"starting $2\"; echo 'etcdmain: unknown flag' >&2; exit 2");
		Path directory = this.temp.resolve("etcd-20250307-140509");

		assertThatExceptionOfType(IOException.class)
			.isThrownBy(() -> EtcdCluster.start(etcd, directory, settings(Duration.ofSeconds(10))))
			.withMessageContaining("exited with code 2 while starting")
			.withMessageContaining("etcdmain: unknown flag");
		assertThat(directory.resolve("m1.log")).content().contains("starting m1");
	}

	@Test
	void stopsMembersThatDoNotBecomeHealthyInTimeAndDeletesTheirData() throws Exception {
		Path pids = this.temp.resolve("pids");
		// Never listens, so never healthy; writes into its data directory like etcd.
		Path etcd = EtcdBinaryTests.script(this.temp.resolve("etcd"),
				"mkdir -p \"$4\"; echo data > \"$4/db\"; echo $$ >> " + pids + "; exec sleep 60");
		Path directory = this.temp.resolve("etcd-20250307-140509");

		long started = System.nanoTime();
		assertThatExceptionOfType(IOException.class)
			.isThrownBy(() -> EtcdCluster.start(etcd, directory, settings(Duration.ofSeconds(1))))
			.withMessageContaining("not healthy within 1 s");

		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(8));
		for (String pid : Files.readAllLines(pids)) {
			assertThat(ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive))
				.isNotEqualTo(Optional.of(true));
		}
		try (Stream<Path> files = Files.list(directory)) {
			assertThat(files.map((file) -> file.getFileName().toString())).containsExactlyInAnyOrder("m1.log", "m2.log",
					"m3.log");
		}
	}

	private static EtcdCluster.Settings settings(Duration startTimeout) {
		return new EtcdCluster.Settings(3, 1024 * 1024, 0, startTimeout);
	}

}
