package org.dsplatform.bench.scenario;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.dsplatform.bench.BenchCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import redis.embedded.RedisServer;

import static org.assertj.core.api.Assertions.assertThat;

class LocksCommandTests {

	private static final Pattern LEASE_ID = Pattern.compile("\"leaseId\":\"([^\"]+)\"");

	private final StringWriter out = new StringWriter();

	private final StringWriter err = new StringWriter();

	@Test
	void measuresPairsThroughTheGatewayAndDirectAndTheContendedRun(@TempDir Path reports) throws Exception {
		Map<String, String> leases = new ConcurrentHashMap<>();
		AtomicLong ids = new AtomicLong();
		AtomicLong badReleases = new AtomicLong();
		StandIn.Handler lockService = (method, path, body) -> {
			if (path.equals("/api/locks/info")) {
				return StandIn.Answer.json("{}");
			}
			if (path.endsWith("/acquire")) {
				if (!body.contains("\"owner\":\"bench\"") || !body.contains("\"leaseMs\":10000")) {
					return new StandIn.Answer(400, "{}", Map.of());
				}
				String leaseId = "lease-" + ids.incrementAndGet();
				leases.put(leaseId, path);
				return StandIn.Answer.json("{\"name\":\"x\",\"owner\":\"bench\",\"leaseId\":\"" + leaseId
						+ "\",\"fencingToken\":1,\"expiresAt\":\"2026-01-01T00:00:00Z\"}");
			}
			if (path.endsWith("/release")) {
				Matcher matcher = LEASE_ID.matcher(body);
				String acquiredAt = matcher.find() ? leases.remove(matcher.group(1)) : null;
				if (acquiredAt == null || !path.replace("/release", "/acquire").equals(acquiredAt)) {
					badReleases.incrementAndGet();
					return new StandIn.Answer(409, "{}", Map.of());
				}
				return new StandIn.Answer(204, null, Map.of());
			}
			return new StandIn.Answer(404, "{}", Map.of());
		};
		try (StandIn gateway = StandIn.start(lockService);
				StandIn first = StandIn.start(lockService);
				StandIn second = StandIn.start(lockService)) {
			int exitCode = execute("locks", "--gateway=" + gateway.uri(), "--locks=" + first.uri() + "," + second.uri(),
					"--redis=none", "--concurrency=2", "--contended-clients=4", "--contended-names=2", "--warmup=200ms",
					"--duration=500ms", "--report-dir=" + reports);

			assertThat(exitCode).as(this.err.toString()).isZero();
			assertThat(badReleases.get()).isZero();
			assertThat(first.requests()).isGreaterThan(10);
			assertThat(second.requests()).isZero();
			assertThat(this.out.toString()).containsPattern("uncontended pairs\\s+gateway")
				.containsPattern("uncontended pairs\\s+direct")
				.contains("contended grants/s:")
				.contains("contended acquire (wait) p50 / p99:")
				.doesNotContain("gateway/raw");
			try (Stream<Path> files = Files.list(reports)) {
				Path report = files.filter((file) -> file.getFileName().toString().startsWith("locks-"))
					.findFirst()
					.orElseThrow();
				assertThat(Files.readString(report)).contains("Raw Redisson was not measured");
			}
		}
	}

	@Test
	void measuresRawRedissonAgainstARedisAndPrintsTheRatios(@TempDir Path reports) throws Exception {
		int port;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			port = socket.getLocalPort();
		}
		RedisServer redis = RedisServer.newRedisServer()
			.port(port)
			.bind("127.0.0.1")
			.setting("save \"\"")
			.setting("appendonly no")
			.build();
		redis.start();
		StandIn.Handler lockService = (method, path, body) -> path.endsWith("/acquire")
				? StandIn.Answer.json("{\"leaseId\":\"l\"}") : new StandIn.Answer(200, "{}", Map.of());
		try (StandIn gateway = StandIn.start(lockService); StandIn node = StandIn.start(lockService)) {
			int exitCode = execute("locks", "--gateway=" + gateway.uri(), "--locks=" + node.uri(),
					"--redis=redis://127.0.0.1:" + port, "--concurrency=2", "--contended-clients=2", "--warmup=200ms",
					"--duration=500ms", "--report-dir=" + reports);

			assertThat(exitCode).as(this.err.toString()).isZero();
			assertThat(this.out.toString()).containsPattern("uncontended pairs\\s+raw Redisson\\s+\\d+")
				.contains("gateway/raw pairs per second:")
				.contains("direct/raw pairs per second:");
		}
		finally {
			redis.stop();
		}
	}

	@Test
	void defaultsToTenSecondsAfterTenSecondsOfWarmUp() {
		LocksCommand command = new LocksCommand();
		new CommandLine(command).parseArgs();
		assertThat(command.duration).hasSeconds(10);
		assertThat(command.warmup).hasSeconds(10);
		assertThat(command.concurrency).isEqualTo(16);
	}

	private int execute(String... args) {
		CommandLine commandLine = new CommandLine(new BenchCommand());
		commandLine.setOut(new PrintWriter(this.out, true));
		commandLine.setErr(new PrintWriter(this.err, true));
		return commandLine.execute(args);
	}

}
