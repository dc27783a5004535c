package org.dsplatform.bench.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

import org.dsplatform.bench.load.RunResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class ReportTests {

	private static final ZonedDateTime STARTED = ZonedDateTime.of(2025, 3, 7, 14, 5, 9, 0, ZoneOffset.UTC);

	private static final Machine MACHINE = new Machine(2, "OpenJDK 64-Bit Server VM 17.0.15+6 (Debian)",
			"Linux 6.1.0 amd64", 494);

	private final RunResult direct = new RunResult(12000, 0, Map.of(), Duration.ofSeconds(10), 1200.0, 0.8, 1.1, 2.5,
			4.0, 9.75);

	private final RunResult gateway = new RunResult(8000, 3, Map.of("HTTP 503", 3L), Duration.ofSeconds(10), 799.7,
			1.25, 1.9, 3.5, 6.0, 12.0);

	private final Report report = Report.builder("gateway-overhead", "Gateway overhead", STARTED, MACHINE)
		.commandLine("org.dsplatform.bench.BenchCommand gateway-overhead --duration 10s")
		.parameter("concurrency", 32)
		.table("Results",
				List.of(new ResultRow("closed-loop c=32", "direct", this.direct),
						new ResultRow("closed-loop c=32", "gateway", this.gateway)))
		.table("All runs", List.of(new ResultRow("closed-loop c=32, round 1", "direct", this.direct)))
		.summary("gateway/direct throughput", "0.67")
		.note("Closed-loop runs alternate direct and gateway.")
		.build();

	@Test
	void isNamedAfterTheScenarioAndItsStartTime() {
		assertThat(this.report.fileName()).isEqualTo("gateway-overhead-20250307-140509.md");
	}

	@Test
	void rendersAMarkdownDocumentWithEverythingNeededToRepeatTheRun() {
		String markdown = this.report.toMarkdown();

		assertThat(markdown).startsWith("# Gateway overhead\n")
			.contains("- Started: 2025-03-07T14:05:09Z")
			.contains("- Machine: 2 cores, OpenJDK 64-Bit Server VM 17.0.15+6 (Debian), Linux 6.1.0 amd64")
			.contains("- Command: `org.dsplatform.bench.BenchCommand gateway-overhead --duration 10s`")
			.contains("| concurrency | 32 |")
			.contains("| closed-loop c=32 | direct | 12000 | 0 | 1200 | 0.80 | 1.10 | 2.50 | 4.00 | 9.75 |")
			.contains("| closed-loop c=32 | gateway | 8000 | 3 | 800 | 1.25 | 1.90 | 3.50 | 6.00 | 12.00 |")
			.contains("- closed-loop c=32, gateway: HTTP 503 x3")
			.contains("## All runs")
			.contains("- gateway/direct throughput: 0.67")
			.contains("- Closed-loop runs alternate direct and gateway.");
	}

	@Test
	void rendersTheFirstTableAndTheSummaryForTheConsole() {
		assertThat(this.report.toConsole()).isEqualTo("""
				mode              target   req/s  p50 ms  p99 ms  p99.9 ms  errors
				closed-loop c=32  direct    1200    0.80    2.50      4.00       0
				closed-loop c=32  gateway    800    1.25    3.50      6.00       3
				errors, closed-loop c=32 gateway: HTTP 503 x3

				gateway/direct throughput: 0.67
				""");
	}

	@Test
	void endsTheMarkdownWithListingsVerbatimAndLeavesThemOffTheConsole() {
		Report withListing = Report.builder("gateway-overhead", "Gateway overhead", STARTED, MACHINE)
			.note("nginx proxies the same instances.")
			.listing("nginx configuration", "daemon off;\nevents {\n    worker_connections 1024;\n}")
			.build();

		assertThat(withListing.toMarkdown()).endsWith("""
				- nginx proxies the same instances.

				## nginx configuration

				```
				daemon off;
				events {
				    worker_connections 1024;
				}
				```
				""");
		assertThat(withListing.toConsole()).doesNotContain("daemon off;");
	}

	@Test
	void isWrittenIntoTheReportDirectoryWhichIsCreatedIfMissing(@TempDir Path temp) throws Exception {
		Path file = new ReportWriter(temp.resolve("run/bench")).write(this.report);

		assertThat(file).isEqualTo(temp.resolve("run/bench/gateway-overhead-20250307-140509.md"));
		assertThat(Files.readString(file)).isEqualTo(this.report.toMarkdown());
	}

}
