package org.dsplatform.bench.scenario;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import org.dsplatform.bench.load.BenchRequest;
import org.dsplatform.bench.load.Load;
import org.dsplatform.bench.load.LoadGenerator;
import org.dsplatform.bench.load.LoadSpec;
import org.dsplatform.bench.load.RequestSupplier;
import org.dsplatform.bench.report.Machine;
import org.dsplatform.bench.report.Report;
import org.dsplatform.bench.report.ReportWriter;
import org.dsplatform.bench.report.ResultRow;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What every scenario shares: the timing and report options, a load generator for the
 * length of the command, the reachability check, progress lines, and writing the report.
 * A scenario only plans its runs and reads their results.
 */
abstract class ScenarioCommand implements Callable<Integer> {

	static final int EXIT_FAILED = 1;

	static final int EXIT_UNREACHABLE = 3;

	private static final Duration MAX_PROBE_TIMEOUT = Duration.ofSeconds(5);

	@Spec
	CommandSpec spec;

	@Option(names = "--duration", defaultValue = "15s", converter = DurationConverter.class,
			description = "Measured length of each run (default: ${DEFAULT-VALUE}).")
	Duration duration;

	// The services' JIT needs tens of seconds of load after they start on two cores; a
	// few seconds of warm-up measured them half compiled.
	@Option(names = "--warmup", defaultValue = "10s", converter = DurationConverter.class,
			description = "Discarded start of each run (default: ${DEFAULT-VALUE}).")
	Duration warmup;

	@Option(names = "--timeout", defaultValue = "10s", converter = DurationConverter.class,
			description = "Per-request timeout (default: ${DEFAULT-VALUE}).")
	Duration timeout;

	@Option(names = "--report-dir", defaultValue = "run/bench",
			description = "Directory for the Markdown report (default: ${DEFAULT-VALUE}).")
	Path reportDir;

	/** The clock the report's start time is read from. */
	Clock clock = Clock.systemDefaultZone();

	private LoadGenerator generator;

	private ZonedDateTime startedAt;

	@Override
	public final Integer call() throws Exception {
		this.startedAt = ZonedDateTime.now(this.clock);
		try (LoadGenerator loadGenerator = new LoadGenerator()) {
			this.generator = loadGenerator;
			return run();
		}
		finally {
			this.generator = null;
		}
	}

	/**
	 * Runs the scenario.
	 * @return the exit code
	 * @throws Exception if the report cannot be written
	 */
	abstract int run() throws Exception;

	/**
	 * Sends the request once to each target, printing one line for each that does not
	 * answer with a 2xx status.
	 * @return whether all answered
	 */
	final boolean reachable(BenchRequest request, String name, List<URI> targets) {
		boolean reachable = true;
		for (URI target : targets) {
			Optional<String> problem = probe(target, request);
			if (problem.isPresent()) {
				err().printf("%s: %s target %s %s%n", this.spec.name(), name, target, problem.get());
				reachable = false;
			}
		}
		return reachable;
	}

	/**
	 * Sends the request once to the target, silently.
	 * @return empty if it answered with a 2xx status, otherwise what went wrong, as the
	 * predicate of a sentence about the target
	 */
	final Optional<String> probe(URI target, BenchRequest request) {
		Duration probeTimeout = (this.timeout.compareTo(MAX_PROBE_TIMEOUT) < 0) ? this.timeout : MAX_PROBE_TIMEOUT;
		return this.generator.probe(target, request, probeTimeout);
	}

	/**
	 * Makes one run with the command's timing options and reports progress on the error
	 * stream.
	 * @return the run as a table row
	 */
	final ResultRow measure(String mode, String target, List<URI> targets, BenchRequest request, Load load) {
		return measure(mode, target, targets, RequestSupplier.always(request), load);
	}

	/**
	 * Makes one run whose requests come from a supplier, with the command's timing
	 * options, and reports progress on the error stream.
	 * @return the run as a table row
	 */
	final ResultRow measure(String mode, String target, List<URI> targets, RequestSupplier requests, Load load) {
		err().printf("%s: %s -> %s %s, %s warm-up + %s%n", this.spec.name(), mode, target, targets,
				DurationConverter.format(this.warmup), DurationConverter.format(this.duration));
		err().flush();
		LoadSpec run = LoadSpec.of(targets, requests, load, this.warmup, this.duration)
			.withRequestTimeout(this.timeout);
		return new ResultRow(mode, target, this.generator.run(run));
	}

	/**
	 * Loads the targets for a while, unmeasured, so that a process started for this
	 * command has had its JIT at work before it is measured; reports progress on the
	 * error stream.
	 */
	final void warmUp(String target, List<URI> targets, BenchRequest request, Load load, Duration length) {
		err().printf("%s: warming %s up: %s %s for %s (not measured)%n", this.spec.name(), target, load.describe(),
				targets, DurationConverter.format(length));
		err().flush();
		this.generator.run(LoadSpec.of(targets, request, load, Duration.ZERO, length).withRequestTimeout(this.timeout));
	}

	/**
	 * Sends {@code count} requests once each before the runs, unmeasured, and reports
	 * progress on the error stream.
	 * @return empty if all were answered with 2xx, otherwise the first failure
	 */
	final Optional<String> prepare(String what, List<URI> targets, RequestSupplier requests, int count,
			int concurrency) {
		err().printf("%s: %s: %d requests over %s, %d at a time (not measured)%n", this.spec.name(), what, count,
				targets, concurrency);
		err().flush();
		return this.generator.sendAll(targets, requests, count, concurrency, this.timeout);
	}

	/**
	 * When the scenario started, which stamps its report and anything it leaves beside
	 * it.
	 */
	final ZonedDateTime startedAt() {
		return this.startedAt;
	}

	/**
	 * Starts the scenario's report with the machine, the command line and the shared
	 * options.
	 */
	final Report.Builder report(String title) {
		return Report.builder(this.spec.name(), title, this.startedAt, Machine.current())
			.commandLine(commandLine())
			.parameter("duration", DurationConverter.format(this.duration))
			.parameter("warm-up", DurationConverter.format(this.warmup))
			.parameter("request timeout", DurationConverter.format(this.timeout));
	}

	/**
	 * Prints the report, writes it and prints where.
	 * @return the exit code for success
	 */
	final int finish(Report report) throws Exception {
		Path file = new ReportWriter(this.reportDir).write(report);
		PrintWriter out = this.spec.commandLine().getOut();
		out.println();
		out.print(report.toConsole());
		out.println();
		out.println("report: " + file);
		out.flush();
		return 0;
	}

	final PrintWriter err() {
		return this.spec.commandLine().getErr();
	}

	private String commandLine() {
		List<String> args = this.spec.root().commandLine().getParseResult().originalArgs();
		return "org.dsplatform.bench.BenchCommand "
				+ args.stream().map(ScenarioCommand::quoted).collect(Collectors.joining(" "));
	}

	private static String quoted(String arg) {
		return arg.matches("[\\w@%+=:,./-]+") ? arg : "'" + arg.replace("'", "'\\''") + "'";
	}

}
