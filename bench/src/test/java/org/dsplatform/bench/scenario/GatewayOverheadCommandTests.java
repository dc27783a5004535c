package org.dsplatform.bench.scenario;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.dsplatform.bench.BenchCommand;
import org.dsplatform.bench.load.LocalHttpServer;
import org.dsplatform.bench.load.RunResult;
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
					"1", "--warmup", "200ms", "--duration", "400ms", "--nginx=false", "--plain-gateway=false",
					"--report-dir", reports.toString());

			assertThat(exitCode).as(this.err.toString()).isZero();
			Path report = reports.resolve("gateway-overhead-20250307-140509.md");
			assertThat(this.out.toString()).containsPattern("closed-loop c=4, best of 1\\s+direct")
				.containsPattern("closed-loop c=4, best of 1\\s+gateway")
				.containsPattern("open-loop \\d+ req/s \\(half load\\)\\s+direct")
				.containsPattern("gateway/direct throughput: +\\d+\\.\\d\\d \\(\\d+ / \\d+ req/s\\)")
				.containsPattern("nginx/direct throughput: +not measured \\(--nginx=false\\)")
				.containsPattern("plain-scg/direct throughput: +not measured \\(--plain-gateway=false\\)")
				.containsPattern("plain-scg added p50 / p99 at half load: +not measured")
				.containsPattern("gateway added p50 / p99 at half load: +[-+]\\d+\\.\\d\\d ms / [-+]\\d+\\.\\d\\d ms")
				.containsPattern("goal gateway/direct >= 0.6: +(not )?met \\(")
				.containsPattern("goal gateway/direct > nginx/direct: +not checked \\(nginx not measured\\)")
				.containsPattern("goal gateway added p99 <= 2 ms at half load: +(not )?met \\(")
				.containsPattern("goals: +\\d of 2 checked met, 1 not checked")
				.doesNotContain("nginx  ")
				.doesNotContain("plain-scg  ")
				.endsWith("report: " + report + System.lineSeparator());
			assertThat(this.err.toString()).doesNotContain("nginx:").doesNotContain("plain-scg:");
			assertThat(first.requests()).isGreaterThan(10);
			assertThat(second.requests()).isGreaterThan(10);
			assertThat(gateway.lastRequest().uri()).isEqualTo("/api/cache/info");
			assertThat(Files.readString(report)).contains("# Gateway overhead")
				.contains("--rounds 1")
				.contains("## All runs")
				.contains("| closed-loop c=4, round 1 | gateway |")
				.contains("the best throughput of each is kept")
				.contains("| plain Spring Cloud Gateway | not measured: --plain-gateway=false |")
				.doesNotContain("Everything runs on this one machine");
		}
	}

	@Test
	void saysInOneLineWhyNginxIsNotMeasuredAndMeasuresWithoutIt(@TempDir Path reports) throws Exception {
		try (LocalHttpServer direct = LocalHttpServer.ok(); LocalHttpServer gateway = LocalHttpServer.ok()) {
			int exitCode = execute("gateway-overhead", "--gateway", gateway.uri().toString(), "--direct",
					direct.uri().toString(), "--concurrency", "2", "--rounds", "1", "--warmup", "100ms", "--duration",
					"200ms", "--nginx-binary", "/nonexistent/nginx", "--no-plain-gateway", "--report-dir",
					reports.toString());

			assertThat(exitCode).as(this.err.toString()).isZero();
			assertThat(this.err.toString().lines().filter((line) -> line.contains("nginx"))).containsExactly(
					"gateway-overhead: nginx: not measured: /nonexistent/nginx is not an executable file; not "
							+ "installing nginx in its place; measuring without it");
			assertThat(this.out.toString()).contains("nginx/direct throughput:")
				.contains("not measured (/nonexistent/nginx is not an executable file");
			assertThat(reports.resolve("gateway-overhead-20250307-140509.md")).content()
				.contains("| nginx | not measured: /nonexistent/nginx is not an executable file")
				.doesNotContain("## nginx configuration");
		}
	}

	@Test
	void saysInOneLineWhyThePlainGatewayDidNotStartAndMeasuresWithoutIt(@TempDir Path reports) throws Exception {
		List<Path> logs = new ArrayList<>();
		try (LocalHttpServer direct = LocalHttpServer.ok(); LocalHttpServer gateway = LocalHttpServer.ok()) {
			int exitCode = ScenarioCommandLine.execute(this.out, this.err,
					(command) -> ((GatewayOverheadCommand) command).plainGatewayStarter = (upstreams, log) -> {
						logs.add(log);
						throw new IOException("the plain gateway's JVM exited with code 1 while starting; the end "
								+ "of its log:" + System.lineSeparator() + "Error: Could not find or load main class");
					}, "gateway-overhead", "--gateway", gateway.uri().toString(), "--direct", direct.uri().toString(),
					"--concurrency", "2", "--rounds", "1", "--warmup", "100ms", "--duration", "200ms", "--no-nginx",
					"--report-dir", reports.toString());

			assertThat(exitCode).as(this.err.toString()).isZero();
			assertThat(logs).containsExactly(reports.resolve("plain-scg-20250307-140509.log").toAbsolutePath());
			assertThat(this.err.toString().lines().filter((line) -> line.contains("plain-scg: "))).containsSubsequence(
					"gateway-overhead: plain-scg: not measured: it did not start: the plain gateway's JVM exited "
							+ "with code 1 while starting; the end of its log:; measuring without it",
					"gateway-overhead: plain-scg:   Error: Could not find or load main class");
			assertThat(this.out.toString()).containsPattern("closed-loop c=2, best of 1\\s+gateway")
				.contains("plain-scg/direct throughput:")
				.contains("not measured (it did not start: the plain gateway's JVM exited with code 1")
				.doesNotContain("plain-scg  ");
			assertThat(reports.resolve("gateway-overhead-20250307-140509.md")).content()
				.contains("| plain Spring Cloud Gateway | not measured: it did not start: ");
		}
	}

	@Test
	void saysWhenAPathDidNotKeepUpWithHalfTheDirectCapacity() {
		RunResult keptUp = new RunResult(10000, 0, Map.of(), Duration.ofSeconds(5), 1990, 1, 2, 3, 4, 5);
		RunResult saturated = new RunResult(10891, 10165, Map.of("cut off at end of run", 10165L),
				Duration.ofSeconds(5), 145.2, 5423, 5644, 5746, 5804, 5804);
		RunResult fewErrors = new RunResult(10000, 3, Map.of("HTTP 503", 3L), Duration.ofSeconds(5), 1999, 1, 2, 3, 4,
				5);

		assertThat(GatewayOverheadCommand.shortfall(keptUp, 2000)).isEmpty();
		assertThat(GatewayOverheadCommand.shortfall(saturated, 2178))
			.isEqualTo(" (did not keep up: 145 of 2178 req/s, 10165 errors)");
		assertThat(GatewayOverheadCommand.shortfall(fewErrors, 2000))
			.isEqualTo(" (did not keep up: 1999 of 2000 req/s, 3 errors)");
	}

	@Test
	void readsTheNginxSwitchEitherWay() {
		assertThat(nginxSwitch()).isTrue();
		assertThat(nginxSwitch("--nginx=false")).isFalse();
		assertThat(nginxSwitch("--no-nginx")).isFalse();
		assertThat(nginxSwitch("--nginx")).isTrue();
		assertThat(nginxSwitch("--nginx=true")).isTrue();
	}

	@Test
	void readsThePlainGatewaySwitchEitherWay() {
		assertThat(parse().plainGateway).isTrue();
		assertThat(parse("--plain-gateway=false").plainGateway).isFalse();
		assertThat(parse("--no-plain-gateway").plainGateway).isFalse();
		assertThat(parse("--plain-gateway").plainGateway).isTrue();
		assertThat(parse("--plain-gateway=true").plainGateway).isTrue();
	}

	private static boolean nginxSwitch(String... args) {
		return parse(args).nginx;
	}

	private static GatewayOverheadCommand parse(String... args) {
		CommandLine commandLine = new CommandLine(new BenchCommand());
		List<String> all = new ArrayList<>(List.of("gateway-overhead"));
		all.addAll(List.of(args));
		commandLine.parseArgs(all.toArray(String[]::new));
		return (GatewayOverheadCommand) commandLine.getSubcommands().get("gateway-overhead").getCommand();
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
		return ScenarioCommandLine.execute(this.out, this.err, args);
	}

}
