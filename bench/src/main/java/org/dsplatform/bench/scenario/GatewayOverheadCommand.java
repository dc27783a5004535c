package org.dsplatform.bench.scenario;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.ToDoubleFunction;

import org.dsplatform.bench.load.BenchRequest;
import org.dsplatform.bench.load.Load;
import org.dsplatform.bench.load.RunResult;
import org.dsplatform.bench.nginx.NginxBinary;
import org.dsplatform.bench.nginx.NginxProxy;
import org.dsplatform.bench.plain.PlainGateway;
import org.dsplatform.bench.report.Report;
import org.dsplatform.bench.report.ResultRow;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * What the gateway costs: the same endpoint measured direct (round robin over the
 * instances, as the gateway balances), through the gateway, through an nginx reverse
 * proxy and through a plain Spring Cloud Gateway in front of the same instances, side by
 * side in one run. Closed-loop runs give each path's capacity; open-loop runs at half the
 * direct capacity give each path's latency under a load the direct path carries easily.
 * nginx, a well-tuned proxy that only forwards, is the yardstick for what a proxy hop
 * costs on the same machine; the plain Spring Cloud Gateway, the framework ours is built
 * on with one route and nothing else, splits what ours costs into the framework's share
 * and that of our own features.
 * <p>
 * nginx is found on the PATH or at Debian's location, installed with {@code apt-get} when
 * missing and running as root, and run as this command's own child process with a
 * generated configuration for the length of the run. The plain gateway runs as a child
 * JVM on this command's classpath. Either one missing or failing to start, the scenario
 * says why in one line and measures without it.
 */
@Command(name = "gateway-overhead", mixinStandardHelpOptions = true, sortOptions = false,
		description = {
				"Measures the gateway's overhead: the same endpoint direct, through the gateway, through an nginx "
						+ "reverse proxy and through a plain Spring Cloud Gateway in front of the same instances.",
				"Closed loop at a fixed concurrency gives the capacity of each; open loop at half the direct "
						+ "capacity gives the latency of each.",
				"nginx runs on loopback for the length of the run (installed with apt-get if missing and running "
						+ "as root); without it, the other paths are measured alone.",
				"The plain Spring Cloud Gateway (the framework ours is built on, one route, nothing else) runs as "
						+ "a child JVM on loopback for the length of the run; without it, the other paths are "
						+ "measured alone.",
				"Exits with 3 if the direct instances or the gateway do not answer with 2xx before the run." })
public final class GatewayOverheadCommand extends ScenarioCommand {

	static final String DIRECT = "direct";

	static final String GATEWAY = "gateway";

	static final String NGINX = "nginx";

	static final String PLAIN = "plain-scg";

	@Option(names = "--gateway", defaultValue = "http://127.0.0.1:8080",
			description = "The gateway's base URL (default: ${DEFAULT-VALUE}).")
	URI gateway;

	@Option(names = "--direct", split = ",",
			defaultValue = "http://127.0.0.1:8201,http://127.0.0.1:8202,http://127.0.0.1:8203",
			description = "The service instances' base URLs, used round robin, direct and as the upstream of "
					+ "nginx and of the plain Spring Cloud Gateway (default: ${DEFAULT-VALUE}).")
	List<URI> direct;

	@Option(names = "--path", defaultValue = "/api/cache/info",
			description = "The endpoint measured, the same on every path (default: ${DEFAULT-VALUE}).")
	String path;

	@Option(names = "--concurrency", defaultValue = "32",
			description = "Requests in flight in the closed-loop runs, and connections per target in the "
					+ "open-loop runs (default: ${DEFAULT-VALUE}).")
	int concurrency;

	@Option(names = "--rounds", defaultValue = "2",
			description = "Closed-loop rounds, each direct, gateway, nginx, then plain-scg; the best of each is "
					+ "kept (default: ${DEFAULT-VALUE}).")
	int rounds;

	@Option(names = "--nginx", negatable = true, defaultValue = "true", fallbackValue = "true", arity = "0..1",
			description = "Measure through an nginx reverse proxy too; --nginx=false or --no-nginx skips it "
					+ "(default: ${DEFAULT-VALUE}).")
	boolean nginx;

	@Option(names = "--nginx-binary", defaultValue = "nginx",
			description = "The nginx binary: a name looked up on the PATH and then in /usr/sbin, or a path. A "
					+ "missing nginx is installed with apt-get install -y nginx when running as root "
					+ "(default: ${DEFAULT-VALUE}).")
	String nginxBinary;

	@Option(names = "--plain-gateway", negatable = true, defaultValue = "true", fallbackValue = "true", arity = "0..1",
			description = "Measure through a plain Spring Cloud Gateway too (the version ours uses, one route to "
					+ "the --direct instances round robin, nothing else; a child JVM with the platform's JVM "
					+ "options); --plain-gateway=false or --no-plain-gateway skips it (default: ${DEFAULT-VALUE}).")
	boolean plainGateway;

	@Option(names = "--plain-gateway-warmup", defaultValue = "30s", converter = DurationConverter.class,
			description = "Unmeasured load on the plain Spring Cloud Gateway right after it starts, so that its "
					+ "JIT has caught up with our gateway's, which has been running longer; 0s skips it "
					+ "(default: ${DEFAULT-VALUE}).")
	Duration plainGatewayWarmup;

	/** Starts the plain gateway; tests put in one that fails. */
	PlainGatewayStarter plainGatewayStarter = PlainGateway::start;

	@Override
	int run() throws Exception {
		BenchRequest request = BenchRequest.get(this.path);
		boolean directUp = reachable(request, DIRECT, this.direct);
		if (!(reachable(request, GATEWAY, List.of(this.gateway)) && directUp)) {
			return EXIT_UNREACHABLE;
		}
		Nginx nginx = new Nginx();
		Plain plain = new Plain();
		try {
			acquire(nginx, request);
			acquire(plain, request);
			List<Target> targets = new ArrayList<>(
					List.of(new Target(DIRECT, this.direct), new Target(GATEWAY, List.of(this.gateway))));
			if (nginx.proxy != null) {
				targets.add(new Target(NGINX, List.of(nginx.proxy.url())));
			}
			if (plain.gateway != null) {
				targets.add(new Target(PLAIN, List.of(plain.gateway.url())));
			}
			Load closed = Load.closed(this.concurrency);
			if (plain.gateway != null && !this.plainGatewayWarmup.isZero()) {
				warmUp(PLAIN, List.of(plain.gateway.url()), request, closed, this.plainGatewayWarmup);
			}
			List<ResultRow> closedRuns = new ArrayList<>();
			Map<String, ResultRow> best = new LinkedHashMap<>();
			for (int round = 1; round <= this.rounds; round++) {
				String mode = closed.describe() + ", round " + round;
				for (Target target : targets) {
					ResultRow run = measure(mode, target.name(), target.urls(), request, closed);
					closedRuns.add(run);
					best.merge(target.name(), run, ResultRow::faster);
				}
			}
			double halfLoad = best.get(DIRECT).result().throughput() / 2;
			if (halfLoad < 1) {
				err().printf("%s: direct throughput was %s req/s, too little to run at half of it%n", this.spec.name(),
						Report.throughput(best.get(DIRECT).result().throughput()));
				return EXIT_FAILED;
			}
			Load open = Load.open(halfLoad, this.concurrency);
			String openMode = open.describe() + " (half load)";
			Map<String, ResultRow> halfLoadRuns = new LinkedHashMap<>();
			for (Target target : targets) {
				halfLoadRuns.put(target.name(), measure(openMode, target.name(), target.urls(), request, open));
			}
			nginx.stop(this);
			plain.stop(this);
			return finish(report(request, nginx, plain, halfLoad, closed, best, closedRuns, halfLoadRuns));
		}
		finally {
			nginx.stop(this);
			plain.stop(this);
		}
	}

	/**
	 * Gets an nginx in front of the direct instances: the binary found or installed, a
	 * proxy started and answering the request. Anything missing leaves nginx unmeasured,
	 * with the reason in one line.
	 */
	private void acquire(Nginx nginx, BenchRequest request) throws InterruptedException {
		if (!this.nginx) {
			nginx.reason = "--nginx=false";
			return;
		}
		Path installLog = this.reportDir.resolve("nginx-apt-get-" + Report.stamp(startedAt()) + ".log")
			.toAbsolutePath();
		NginxBinary.Lookup lookup = NginxBinary.ofEnvironment().find(this.nginxBinary, installLog);
		List<String> steps = lookup.steps();
		nginx.steps.addAll(steps);
		if (lookup.binary().isEmpty()) {
			// The last step says why there is none: it goes into the one line saying so.
			steps.subList(0, steps.size() - 1).forEach((step) -> say("nginx: " + step));
			nginx.notMeasured(this, steps.get(steps.size() - 1));
			return;
		}
		steps.forEach((step) -> say("nginx: " + step));
		Path binary = lookup.binary().get();
		nginx.version = NginxBinary.version(binary);
		NginxProxy.Settings settings = NginxProxy.Settings.forConcurrency(this.concurrency);
		try {
			nginx.proxy = NginxProxy.start(binary, this.direct, settings);
		}
		catch (IOException | IllegalArgumentException ex) {
			String message = String.valueOf(ex.getMessage());
			nginx.notMeasured(this, "it did not start: " + message.lines().findFirst().orElse(""));
			message.lines().skip(1).forEach((line) -> say("nginx:   " + line));
			return;
		}
		nginx.origin = nginx.version + " (" + binary + ") at " + nginx.proxy.url() + ", " + settings.workerProcesses()
				+ " worker process(es), upstream " + this.direct + " round robin with keep-alive (up to "
				+ settings.upstreamKeepalive() + " idle connections per worker); configuration below";
		say("nginx: " + nginx.version + " at " + nginx.proxy.url() + " in front of " + this.direct);
		Optional<String> problem = probe(nginx.proxy.url(), request);
		if (problem.isPresent()) {
			nginx.config = nginx.proxy.config();
			nginx.stop(this);
			nginx.notMeasured(this, "through it, " + request + " " + problem.get());
		}
	}

	/**
	 * Gets a plain Spring Cloud Gateway in front of the direct instances: started, and
	 * answering the request. If it does not, it goes unmeasured, with the reason in one
	 * line.
	 */
	private void acquire(Plain plain, BenchRequest request) throws InterruptedException {
		if (!this.plainGateway) {
			plain.reason = "--plain-gateway=false";
			return;
		}
		Path log = this.reportDir.resolve(PLAIN + "-" + Report.stamp(startedAt()) + ".log").toAbsolutePath();
		say(PLAIN + ": starting a plain Spring Cloud Gateway " + PlainGateway.frameworkVersions() + " in front of "
				+ this.direct + ", log in " + log);
		try {
			plain.gateway = this.plainGatewayStarter.start(this.direct, log);
		}
		catch (IOException | IllegalArgumentException ex) {
			String message = String.valueOf(ex.getMessage());
			plain.notMeasured(this, "it did not start: " + message.lines().findFirst().orElse(""));
			message.lines().skip(1).forEach((line) -> say(PLAIN + ":   " + line));
			return;
		}
		plain.origin = plain.gateway.describe();
		say(PLAIN + ": listening at " + plain.gateway.url());
		Optional<String> problem = probe(plain.gateway.url(), request);
		if (problem.isPresent()) {
			plain.stop(this);
			plain.notMeasured(this, "through it, " + request + " " + problem.get());
		}
	}

	private Report report(BenchRequest request, Nginx nginx, Plain plain, double halfLoad, Load closed,
			Map<String, ResultRow> best, List<ResultRow> closedRuns, Map<String, ResultRow> halfLoadRuns) {
		String bestMode = closed.describe() + ", best of " + this.rounds;
		List<ResultRow> results = new ArrayList<>();
		best.values().forEach((row) -> results.add(new ResultRow(bestMode, row.target(), row.result())));
		results.addAll(halfLoadRuns.values());
		List<ResultRow> allRuns = new ArrayList<>(closedRuns);
		allRuns.addAll(halfLoadRuns.values());
		boolean withNginx = best.containsKey(NGINX);
		boolean withPlain = best.containsKey(PLAIN);
		Report.Builder report = report("Gateway overhead").parameter("gateway", this.gateway)
			.parameter("direct", this.direct)
			.parameter("nginx", withNginx ? nginx.origin : "not measured: " + nginx.reason);
		if (!nginx.steps.isEmpty()) {
			report.parameter("nginx binary", String.join("; ", nginx.steps));
		}
		report.parameter("plain Spring Cloud Gateway", withPlain ? plain.origin : "not measured: " + plain.reason);
		report.parameter("request", request)
			.parameter("concurrency", this.concurrency)
			.parameter("closed-loop rounds", this.rounds)
			.parameter("open-loop rate", Report.throughput(halfLoad) + " req/s")
			.table("Results", results)
			.table("All runs", allRuns);
		double directThroughput = best.get(DIRECT).result().throughput();
		double gatewayRatio = best.get(GATEWAY).result().throughput() / directThroughput;
		OptionalDouble nginxRatio = withNginx
				? OptionalDouble.of(best.get(NGINX).result().throughput() / directThroughput) : OptionalDouble.empty();
		report.summary("gateway/direct throughput", throughputRatio(best.get(GATEWAY), best.get(DIRECT)));
		report.summary("nginx/direct throughput",
				withNginx ? throughputRatio(best.get(NGINX), best.get(DIRECT)) : "not measured (" + nginx.reason + ")");
		report.summary(PLAIN + "/direct throughput",
				withPlain ? throughputRatio(best.get(PLAIN), best.get(DIRECT)) : "not measured (" + plain.reason + ")");
		double gatewayAddedP99 = added(halfLoadRuns, GATEWAY, RunResult::p99);
		report.summary("gateway added p50 / p99 at half load",
				addedLatency(halfLoadRuns, GATEWAY) + shortfall(halfLoadRuns.get(GATEWAY).result(), halfLoad));
		report.summary("nginx added p50 / p99 at half load",
				withNginx ? addedLatency(halfLoadRuns, NGINX) + shortfall(halfLoadRuns.get(NGINX).result(), halfLoad)
						: "not measured");
		report.summary(PLAIN + " added p50 / p99 at half load",
				withPlain ? addedLatency(halfLoadRuns, PLAIN) + shortfall(halfLoadRuns.get(PLAIN).result(), halfLoad)
						: "not measured");
		List<OverheadGoals.Verdict> verdicts = OverheadGoals.PLATFORM.judge(gatewayRatio, nginxRatio, gatewayAddedP99);
		verdicts.forEach((verdict) -> report.summary("goal " + verdict.goal(), verdict.describe()));
		report.summary("goals", OverheadGoals.overall(verdicts));
		report
			.note("Closed-loop runs go " + String.join(", ", best.keySet()) + " in each of " + this.rounds
					+ " round(s), and the best throughput of each is kept, so a disturbance (GC, JIT, another "
					+ "process) costs one round rather than the result.")
			.note("Direct requests go round robin over the instances, one request each, as the gateway spreads "
					+ "them" + sameInstances(withNginx, withPlain) + ".")
			.note("Open-loop runs offer half of the best direct throughput to every path, with the same "
					+ "connections per target as the closed loop. Their latency counts from each request's "
					+ "intended start time, so queueing in the client or the server is not omitted "
					+ "(coordinated omission corrected). A path whose capacity is below that rate queues more "
					+ "and more over the run, and its added latency then measures that, not one hop.")
			.note("Added p50 / p99 are the path's open-loop percentiles minus the direct ones.")
			.note("Latency percentiles are of successful requests; errors are counted by kind.");
		if (withNginx) {
			report.note("nginx runs as a child process of this command with the configuration below, not as a "
					+ "system service, and is stopped after the runs. It only forwards: unlike the gateway it adds "
					+ "no request id or trace context and does not balance by the instances' readiness.");
		}
		if (withPlain) {
			report.note(PLAIN + " is Spring Cloud Gateway as it comes, the framework and version our gateway is "
					+ "built on, run by this command as a child JVM with the JVM options the platform gives our "
					+ "gateway and stopped after the runs: one route, /** to the same instances round robin (Spring "
					+ "Cloud LoadBalancer's default), and nothing else. Its figures are what the framework itself "
					+ "costs per request on this machine, without our gateway's request ids, trace context, metrics, "
					+ "retries, readiness checks and key-ring balancing; the gap between it and the gateway is what "
					+ "those cost.")
				.note(PLAIN + "'s JVM starts with this run, while the gateway has usually been running, and its JIT "
						+ "compiling, for much longer, so " + PLAIN + " got "
						+ DurationConverter.format(this.plainGatewayWarmup)
						+ " of unmeasured load (--plain-gateway-warmup) before the rounds. With less, its figures "
						+ "can overstate what the framework costs.");
		}
		List<String> proxies = best.keySet()
			.stream()
			.filter((name) -> !name.equals(DIRECT) && !name.equals(GATEWAY))
			.toList();
		if (!proxies.isEmpty()) {
			report.note("Everything runs on this one machine: the generator, the gateway, " + String.join(", ", proxies)
					+ " and the instances share its cores.");
		}
		if (nginx.config != null) {
			report.listing("nginx configuration", nginx.config);
		}
		return report.build();
	}

	private static String sameInstances(boolean withNginx, boolean withPlain) {
		if (withNginx && withPlain) {
			return ", and as nginx and " + PLAIN + " do with the same instances";
		}
		if (withNginx) {
			return ", and as nginx does with its upstream of the same instances";
		}
		return withPlain ? ", and as " + PLAIN + " does with the same instances" : "";
	}

	private static String throughputRatio(ResultRow path, ResultRow direct) {
		return OverheadGoals.ratio(path.result().throughput() / direct.result().throughput()) + " ("
				+ Report.throughput(path.result().throughput()) + " / "
				+ Report.throughput(direct.result().throughput()) + " req/s)";
	}

	private static double added(Map<String, ResultRow> halfLoadRuns, String target,
			ToDoubleFunction<RunResult> percentile) {
		return percentile.applyAsDouble(halfLoadRuns.get(target).result())
				- percentile.applyAsDouble(halfLoadRuns.get(DIRECT).result());
	}

	private static String addedLatency(Map<String, ResultRow> halfLoadRuns, String target) {
		return OverheadGoals.addedMillis(added(halfLoadRuns, target, RunResult::p50)) + " / "
				+ OverheadGoals.addedMillis(added(halfLoadRuns, target, RunResult::p99));
	}

	/**
	 * Says so when an open-loop run did not carry the rate offered, since its latency
	 * then measures a growing queue rather than the path.
	 * @param run the open-loop run
	 * @param rate the rate offered, in requests per second
	 * @return empty if the run answered every request and within 5% of the rate,
	 * otherwise such as {@code  (did not keep up: 145 of 2178 req/s, 10165 errors)}
	 */
	static String shortfall(RunResult run, double rate) {
		if (run.errors() == 0 && run.throughput() >= 0.95 * rate) {
			return "";
		}
		return " (did not keep up: " + Report.throughput(run.throughput()) + " of " + Report.throughput(rate)
				+ " req/s, " + run.errors() + " errors)";
	}

	private void say(String line) {
		err().printf("%s: %s%n", this.spec.name(), line);
		err().flush();
	}

	/**
	 * One path to the endpoint.
	 *
	 * @param name {@code direct}, {@code gateway}, {@code nginx} or {@code plain-scg}
	 * @param urls its base URLs, used round robin
	 */
	record Target(String name, List<URI> urls) {

	}

	/**
	 * The nginx side as it is being acquired: what was done, and what to stop.
	 */
	private static final class Nginx {

		private final List<String> steps = new ArrayList<>();

		private NginxProxy proxy;

		private String version;

		private String origin;

		private String config;

		private String reason;

		void notMeasured(GatewayOverheadCommand command, String why) {
			this.reason = why;
			command.say("nginx: not measured: " + why + "; measuring without it");
		}

		void stop(GatewayOverheadCommand command) {
			if (this.proxy != null) {
				this.config = this.proxy.config();
				command.say("nginx: " + this.proxy.stop());
				this.proxy = null;
			}
		}

	}

	/**
	 * Starts a plain Spring Cloud Gateway, as {@link PlainGateway#start} does.
	 */
	@FunctionalInterface
	interface PlainGatewayStarter {

		PlainGateway start(List<URI> upstreams, Path logFile) throws IOException, InterruptedException;

	}

	/**
	 * The plain Spring Cloud Gateway side as it is being acquired: what to stop, and what
	 * to report.
	 */
	private static final class Plain {

		private PlainGateway gateway;

		private String origin;

		private String reason;

		void notMeasured(GatewayOverheadCommand command, String why) {
			this.reason = why;
			command.say(PLAIN + ": not measured: " + why + "; measuring without it");
		}

		void stop(GatewayOverheadCommand command) {
			if (this.gateway != null) {
				command.say(PLAIN + ": " + this.gateway.stop());
				this.gateway = null;
			}
		}

	}

}
