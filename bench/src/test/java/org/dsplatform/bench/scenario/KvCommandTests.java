package org.dsplatform.bench.scenario;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.dsplatform.bench.BenchCommand;
import org.dsplatform.bench.load.LocalHttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;

class KvCommandTests {

	private final StringWriter out = new StringWriter();

	private final StringWriter err = new StringWriter();

	@Test
	void measuresOurKvEtcdAndRatisAloneWithTheSameLoadAndWritesTheReport(@TempDir Path reports) throws Exception {
		try (KvStandIns ours = KvStandIns.ours(3); KvStandIns etcd = KvStandIns.etcd(3, "/v3beta")) {
			int exitCode = execute("kv", "--kv=" + ours.urls(), "--etcd-endpoints=" + etcd.urls(), "--concurrency=4",
					"--keys=100", "--warmup=200ms", "--duration=1s", "--pause=0s", "--report-dir=" + reports);

			assertThat(exitCode).as(this.err.toString()).isZero();
			Path report = reports.resolve("kv-20250307-140509.md");
			assertThat(this.out.toString()).containsPattern("PUT c=4\\s+ours\\s+\\d+")
				.containsPattern("PUT c=4\\s+etcd\\s+\\d+")
				.containsPattern("GET c=4\\s+ours\\s+\\d+")
				.containsPattern("GET c=4\\s+etcd\\s+\\d+")
				.containsPattern("PUT c=4 throughput ours/etcd:\\s+\\d+\\.\\d\\d \\(\\d+ / \\d+ req/s\\)")
				.containsPattern("GET c=4 throughput ours/etcd:\\s+\\d+\\.\\d\\d")
				.containsPattern("(?m)PUT c=4\\s+Ratis alone\\s+\\d+(\\s+\\d+\\.\\d\\d){3}\\s+0$")
				.containsPattern("(?m)GET c=4\\s+Ratis alone\\s+\\d+(\\s+\\d+\\.\\d\\d){3}\\s+0$")
				.containsPattern("PUT c=4 throughput ours/Ratis alone:\\s+\\d+\\.\\d\\d \\(\\d+ / \\d+ req/s\\)")
				.containsPattern("GET c=4 throughput Ratis alone/etcd:\\s+\\d+\\.\\d\\d \\(\\d+ / \\d+ req/s\\)")
				.containsPattern(
						"ours Raft leader and term:\\s+kv-1, term 2 -> kv-1, term 2 \\(no election during the runs\\)")
				.containsPattern("etcd Raft leader and term:\\s+8e9e05c52164694d, term 2 -> 8e9e05c52164694d, term 2")
				.endsWith("report: " + report + System.lineSeparator());
			// The gateway prefix is found by asking: this etcd only serves /v3beta.
			assertThat(this.err.toString()).contains("kv: etcd: no JSON gateway under /v3: ")
				.contains("kv: etcd: JSON gateway answers under /v3beta");
			// Both were populated with the same keys and the same kilobyte values.
			assertThat(ours.store()).containsKey("bench/k000099").hasSize(101);
			assertThat(etcd.store())
				.containsOnlyKeys(ours.store().keySet().stream().filter((key) -> key.startsWith("bench/k")).toList());
			assertThat(etcd.store().values()).allMatch((value) -> value.length() == 1024);
			assertThat(ours.store().get("bench/k000042")).hasSize(1024);
			// Round robin: every node gets its share of the populating and of every run.
			assertThat(ours.requestsPerNode()).allMatch((count) -> count > 40);
			assertThat(etcd.requestsPerNode()).allMatch((count) -> count > 40);
			assertThat(spread(ours.requestsPerNode())).isLessThanOrEqualTo(10);
			assertThat(spread(etcd.requestsPerNode())).isLessThanOrEqualTo(10);
			assertThat(ours.contentTypes()).containsEntry("PUT", "application/json");
			assertThat(etcd.contentTypes()).containsEntry("POST", "application/json");
			assertThat(Files.readString(report)).contains("# Our KV against etcd")
				.contains("--concurrency=4")
				.contains("| ours version | kv-service 0.1.0-standin (git abc1234) |")
				.contains("| etcd version | server 3.4.0-standin |")
				.contains("| etcd JSON gateway | /v3beta (probed /v3, /v3beta) |")
				.contains("| keyspace | 100 keys, bench/k000000 .. bench/k000099, each written once")
				.containsPattern("\\| GET c=4 \\| etcd \\| \\d+ \\| 0 \\|")
				.contains("| Ratis alone | 3 Ratis ")
				.contains("Run order: PUT c=4 ours, PUT c=4 etcd, PUT c=4 Ratis alone, GET c=4 etcd, GET c=4 ours, "
						+ "GET c=4 Ratis alone.");
			// Ratis alone wrote its logs under the report directory, and they are gone
			// with it.
			assertThat(reports).isDirectoryNotContaining("glob:**/ratis-*");
		}
	}

	@Test
	void measuresOurKvAloneWhenThereIsNoEtcd(@TempDir Path reports) throws Exception {
		try (KvStandIns ours = KvStandIns.ours(3)) {
			int exitCode = execute("kv", "--kv=" + ours.urls(), "--etcd=/nonexistent/etcd", "--no-install-etcd",
					"--no-ratis", "--concurrency=4", "--keys=20", "--warmup=200ms", "--duration=1s", "--pause=0s",
					"--report-dir=" + reports);

			assertThat(exitCode).as(this.err.toString()).isZero();
			assertThat(this.err.toString())
				.contains(
						"kv: etcd: /nonexistent/etcd is not an executable file; not installing it (--no-install-etcd)")
				.contains("kv: etcd: not measured: no etcd binary; measuring our KV only");
			assertThat(this.out.toString()).containsPattern("PUT c=4\\s+ours")
				.containsPattern("GET c=4\\s+ours")
				.doesNotContain("ours/etcd")
				.doesNotContain("ours/Ratis alone")
				.containsPattern("Ratis alone:\\s+not measured: --no-ratis")
				.containsPattern("etcd:\\s+not measured: no etcd binary");
			assertThat(reports).isDirectoryContaining("glob:**/kv-20250307-140509.md");
		}
	}

	@Test
	void exitsWithAOneLineMessageWhenAKvNodeIsUnreachable(@TempDir Path reports) throws Exception {
		String nobody = "http://127.0.0.1:" + LocalHttpServer.unusedPort();

		int exitCode = execute("kv", "--kv=" + nobody, "--no-install-etcd", "--report-dir=" + reports);

		assertThat(exitCode).isEqualTo(3);
		assertThat(this.err.toString().lines()).singleElement()
			.asString()
			.startsWith("kv: ours target " + nobody + " is unreachable: ConnectException");
		assertThat(reports).isEmptyDirectory();
	}

	@Test
	void alternatesWhichStoreGoesFirst() {
		KvCommand.Side ours = new KvCommand.Side("ours", new KvApi.Platform(), List.of(URI.create("http://a")));
		KvCommand.Side etcd = new KvCommand.Side("etcd", new KvApi.EtcdGateway("/v3"), List.of(URI.create("http://b")));

		List<String> plan = KvCommand.plan(List.of(16, 64, 256), List.of(ours, etcd))
			.stream()
			.map((run) -> run.operation() + " " + run.concurrency() + " " + run.side().name())
			.toList();

		assertThat(plan).containsExactly("PUT 16 ours", "PUT 16 etcd", "GET 16 etcd", "GET 16 ours", "PUT 64 etcd",
				"PUT 64 ours", "GET 64 ours", "GET 64 etcd", "PUT 256 ours", "PUT 256 etcd", "GET 256 etcd",
				"GET 256 ours");
	}

	private static int spread(List<Integer> counts) {
		return counts.stream().mapToInt(Integer::intValue).max().orElse(0)
				- counts.stream().mapToInt(Integer::intValue).min().orElse(0);
	}

	private int execute(String... args) {
		CommandLine commandLine = new CommandLine(new BenchCommand());
		commandLine.setOut(new PrintWriter(this.out, true));
		commandLine.setErr(new PrintWriter(this.err, true));
		CommandLine scenario = commandLine.getSubcommands().get(args[0]);
		((ScenarioCommand) scenario.getCommand()).clock = Clock.fixed(Instant.parse("2025-03-07T14:05:09Z"),
				ZoneOffset.UTC);
		return commandLine.execute(args);
	}

}
