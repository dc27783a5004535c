package org.dsplatform.bench.scenario;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.dsplatform.bench.BenchCommand;
import org.dsplatform.bench.load.LocalHttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;

class GatewayOverheadCommandTests {

	private final StringWriter out = new StringWriter();

	private final StringWriter err = new StringWriter();

	@Test
	void measuresTheSameEndpointDirectAndThroughTheGatewayAndWritesTheReport(@TempDir Path reports) throws Exception {
		try (LocalHttpServer first = LocalHttpServer.ok();
				LocalHttpServer second = LocalHttpServer.ok();
				LocalHttpServer gateway = LocalHttpServer.start(16, (request) -> {
					// A gateway that costs a millisecond per request.
					Thread.sleep(1);
					return 200;
				})) {
			int exitCode = execute("gateway-overhead", "--gateway", gateway.uri().toString(), "--direct",
					first.uri() + "," + second.uri(), "--path", "/api/cache/info", "--concurrency", "4", "--rounds",
					"1", "--warmup", "200ms", "--duration", "400ms", "--report-dir", reports.toString());

			assertThat(exitCode).as(this.err.toString()).isZero();
			Path report = reports.resolve("gateway-overhead-20250307-140509.md");
			assertThat(this.out.toString()).containsPattern("closed-loop c=4, best of 1\\s+direct")
				.containsPattern("closed-loop c=4, best of 1\\s+gateway")
				.containsPattern("open-loop \\d+ req/s \\(half load\\)\\s+direct")
				.contains("gateway/direct throughput:")
				.contains("added p50 at half load:")
				.contains("added p99 at half load:")
				.endsWith("report: " + report + System.lineSeparator());
			assertThat(first.requests()).isGreaterThan(10);
			assertThat(second.requests()).isGreaterThan(10);
			assertThat(gateway.lastRequest().uri()).isEqualTo("/api/cache/info");
			assertThat(Files.readString(report)).contains("# Gateway overhead")
				.contains("--rounds 1")
				.contains("## All runs")
				.contains("| closed-loop c=4, round 1 | gateway |")
				.contains("the best throughput of each is kept");
		}
	}

	@Test
	void exitsWithAOneLineMessageWhenATargetIsUnreachable(@TempDir Path reports) throws Exception {
		try (LocalHttpServer direct = LocalHttpServer.ok()) {
			String gateway = "http://127.0.0.1:" + LocalHttpServer.unusedPort();

			int exitCode = execute("gateway-overhead", "--gateway", gateway, "--direct", direct.uri().toString(),
					"--report-dir", reports.toString());

			assertThat(exitCode).isEqualTo(3);
			assertThat(this.err.toString().lines()).singleElement()
				.asString()
				.startsWith("gateway-overhead: gateway target " + gateway + " is unreachable: ConnectException");
			assertThat(direct.requests()).isEqualTo(1);
			assertThat(reports).isEmptyDirectory();
		}
	}

	private int execute(String... args) {
		CommandLine commandLine = new CommandLine(new BenchCommand());
		commandLine.setOut(new PrintWriter(this.out, true));
		commandLine.setErr(new PrintWriter(this.err, true));
		CommandLine scenario = commandLine.getSubcommands().get("gateway-overhead");
		((ScenarioCommand) scenario.getCommand()).clock = Clock.fixed(Instant.parse("2025-03-07T14:05:09Z"),
				ZoneOffset.UTC);
		return commandLine.execute(args);
	}

}
