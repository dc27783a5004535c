package org.dsplatform.bench.scenario;

import java.io.File;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

import org.dsplatform.bench.load.LocalHttpServer;
import org.dsplatform.bench.plain.PlainGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The gateway-overhead scenario with a real nginx or a real plain Spring Cloud Gateway in
 * front of stand-in instances. nginx is found on the PATH or at Debian's location and
 * given as a path, so never installed; without one its test is skipped.
 */
class GatewayOverheadCommandIntegrationTests {

	private final StringWriter out = new StringWriter();

	private final StringWriter err = new StringWriter();

	@Test
	void measuresDirectGatewayAndNginxSideBySideAndStopsNginx(@TempDir Path reports) throws Exception {
		Path nginx = nginx();
		try (LocalHttpServer first = LocalHttpServer.ok();
				LocalHttpServer second = LocalHttpServer.ok();
				LocalHttpServer gateway = LocalHttpServer.ok()) {
			int exitCode = execute("gateway-overhead", "--gateway", gateway.uri().toString(), "--direct",
					first.uri() + "," + second.uri(), "--concurrency", "4", "--rounds", "1", "--warmup", "200ms",
					"--duration", "400ms", "--nginx-binary", nginx.toString(), "--no-plain-gateway", "--report-dir",
					reports.toString());

			assertThat(exitCode).as(this.err.toString() + this.out).isZero();
			assertThat(this.out.toString()).containsPattern("closed-loop c=4, best of 1\\s+nginx")
				.containsPattern("open-loop \\d+ req/s \\(half load\\)\\s+nginx")
				.containsPattern("nginx/direct throughput: +\\d+\\.\\d\\d \\(\\d+ / \\d+ req/s\\)")
				.containsPattern("nginx added p50 / p99 at half load: +[-+]\\d+\\.\\d\\d ms / [-+]\\d+\\.\\d\\d ms")
				.containsPattern("goal gateway/direct > nginx/direct: +(not )?met \\(\\d+\\.\\d\\d vs \\d+\\.\\d\\d\\)")
				.containsPattern("goals: +(all 3|\\d of 3) met");
			assertThat(this.err.toString()).contains("gateway-overhead: nginx: using " + nginx)
				.contains("gateway-overhead: nginx: stopped nginx, deleted ");
			assertThat(reports.resolve("gateway-overhead-20250307-140509.md")).content()
				.contains("| closed-loop c=4, round 1 | nginx |")
				.contains("## nginx configuration")
				.contains("server 127.0.0.1:" + first.uri().getPort() + ";")
				.contains("server 127.0.0.1:" + second.uri().getPort() + ";")
				.contains("proxy_http_version 1.1;");
		}
		try (Stream<ProcessHandle> children = ProcessHandle.current().descendants()) {
			assertThat(children.filter(ProcessHandle::isAlive)
				.map((process) -> process.info().command().orElse(""))
				.filter((command) -> command.endsWith("nginx"))).isEmpty();
		}
	}

	@Test
	void measuresThroughAPlainSpringCloudGatewayTooAndStopsIt(@TempDir Path reports) throws Exception {
		try (LocalHttpServer first = LocalHttpServer.ok();
				LocalHttpServer second = LocalHttpServer.ok();
				LocalHttpServer gateway = LocalHttpServer.ok()) {
			int exitCode = execute("gateway-overhead", "--gateway", gateway.uri().toString(), "--direct",
					first.uri() + "," + second.uri(), "--concurrency", "4", "--rounds", "1", "--warmup", "200ms",
					"--duration", "400ms", "--no-nginx", "--plain-gateway-warmup", "500ms", "--report-dir",
					reports.toString());

			assertThat(exitCode).as(this.err.toString() + this.out).isZero();
			assertThat(this.out.toString()).containsPattern("closed-loop c=4, best of 1\\s+plain-scg")
				.containsPattern("open-loop \\d+ req/s \\(half load\\)\\s+plain-scg")
				.containsPattern("gateway/direct throughput: +\\d+\\.\\d\\d \\(")
				.containsPattern("plain-scg/direct throughput: +\\d+\\.\\d\\d \\(\\d+ / \\d+ req/s\\)")
				.containsPattern("plain-scg added p50 / p99 at half load: +[-+]\\d+\\.\\d\\d ms / [-+]\\d+\\.\\d\\d ms")
				.containsPattern("goals: +\\d of 2 checked met, 1 not checked");
			Path log = reports.resolve("plain-scg-20250307-140509.log").toAbsolutePath();
			assertThat(this.err.toString())
				.contains("gateway-overhead: plain-scg: starting a plain Spring Cloud Gateway "
						+ PlainGateway.frameworkVersions() + " in front of [" + first.uri() + ", " + second.uri()
						+ "], log in " + log)
				.containsPattern("gateway-overhead: plain-scg: listening at http://127\\.0\\.0\\.1:\\d+")
				.containsPattern(
						"gateway-overhead: warming plain-scg up: closed-loop c=4 \\[http://127\\.0\\.0\\.1:\\d+\\] "
								+ "for 500ms \\(not measured\\)")
				.containsPattern("-> plain-scg \\[http://127\\.0\\.0\\.1:\\d+\\]")
				.contains("gateway-overhead: plain-scg: stopped the plain gateway;")
				.doesNotContain("killed after");
			assertThat(reports.resolve("gateway-overhead-20250307-140509.md")).content()
				.contains("| closed-loop c=4, round 1 | plain-scg |")
				.contains("| plain Spring Cloud Gateway | Spring Cloud Gateway " + PlainGateway.frameworkVersions())
				.contains("without our gateway's request ids, trace context, metrics, retries, readiness checks")
				.contains("plain-scg's JVM starts with this run")
				.contains("got 500ms of unmeasured load (--plain-gateway-warmup) before the rounds")
				.contains("the generator, the gateway, plain-scg and the instances share its cores");
			assertThat(log).exists();
		}
		try (Stream<ProcessHandle> children = ProcessHandle.current().descendants()) {
			// The stand-ins run in this JVM: the plain gateway's is the only one started.
			assertThat(children.filter(ProcessHandle::isAlive)
				.map((process) -> process.info().command().orElse(""))
				.filter((command) -> command.endsWith("java"))).isEmpty();
		}
	}

	private static Path nginx() {
		Optional<Path> found = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
			.filter((directory) -> !directory.isEmpty())
			.map((directory) -> Path.of(directory, "nginx"))
			.filter(Files::isExecutable)
			.findFirst()
			.or(() -> Optional.of(Path.of("/usr/sbin/nginx")).filter(Files::isExecutable));
		assumeTrue(found.isPresent(), "no nginx on the PATH or at /usr/sbin/nginx");
		return found.get().toAbsolutePath();
	}

	private int execute(String... args) {
		return ScenarioCommandLine.execute(this.out, this.err, args);
	}

}
