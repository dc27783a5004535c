package org.dsplatform.bench.scenario;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.dsplatform.bench.load.BenchRequest;
import org.dsplatform.bench.load.Load;
import org.dsplatform.bench.report.Report;
import org.dsplatform.bench.report.ResultRow;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * What the gateway costs: the same endpoint measured direct (round robin over the
 * instances, as the gateway balances) and through the gateway, side by side in one run.
 * Closed-loop runs give each path's capacity; open-loop runs at half the direct capacity
 * give each path's latency under a load both can carry.
 */
@Command(name = "gateway-overhead", mixinStandardHelpOptions = true, sortOptions = false,
		description = { "Measures the gateway's overhead: the same endpoint direct and through the gateway.",
				"Closed loop at a fixed concurrency gives the capacity of each; open loop at half the direct "
						+ "capacity gives the latency of each.",
				"Exits with 3 if a target does not answer with 2xx before the run." })
public final class GatewayOverheadCommand extends ScenarioCommand {

	@Option(names = "--gateway", defaultValue = "http://127.0.0.1:8080",
			description = "The gateway's base URL (default: ${DEFAULT-VALUE}).")
	URI gateway;

	@Option(names = "--direct", split = ",",
			defaultValue = "http://127.0.0.1:8201,http://127.0.0.1:8202,http://127.0.0.1:8203",
			description = "The service instances' base URLs, used round robin (default: ${DEFAULT-VALUE}).")
	List<URI> direct;

	@Option(names = "--path", defaultValue = "/api/cache/info",
			description = "The endpoint measured, the same on both paths (default: ${DEFAULT-VALUE}).")
	String path;

	@Option(names = "--concurrency", defaultValue = "32",
			description = "Requests in flight in the closed-loop runs, and connections per target in the "
					+ "open-loop runs (default: ${DEFAULT-VALUE}).")
	int concurrency;

	@Option(names = "--rounds", defaultValue = "2",
			description = "Closed-loop rounds, each direct then gateway; the best of each is kept "
					+ "(default: ${DEFAULT-VALUE}).")
	int rounds;

	@Override
	int run() throws Exception {
		BenchRequest request = BenchRequest.get(this.path);
		boolean directUp = reachable(request, "direct", this.direct);
		if (!(reachable(request, "gateway", List.of(this.gateway)) && directUp)) {
			return EXIT_UNREACHABLE;
		}
		Load closed = Load.closed(this.concurrency);
		List<ResultRow> closedRuns = new ArrayList<>();
		ResultRow bestDirect = null;
		ResultRow bestGateway = null;
		for (int round = 1; round <= this.rounds; round++) {
			String mode = closed.describe() + ", round " + round;
			ResultRow direct = measure(mode, "direct", this.direct, request, closed);
			ResultRow gateway = measure(mode, "gateway", List.of(this.gateway), request, closed);
			closedRuns.add(direct);
			closedRuns.add(gateway);
			bestDirect = better(bestDirect, direct);
			bestGateway = better(bestGateway, gateway);
		}
		double halfLoad = bestDirect.result().throughput() / 2;
		if (halfLoad < 1) {
			err().printf("%s: direct throughput was %s req/s, too little to run at half of it%n", this.spec.name(),
					Report.throughput(bestDirect.result().throughput()));
			return EXIT_FAILED;
		}
		Load open = Load.open(halfLoad, this.concurrency);
		String openMode = open.describe() + " (half load)";
		ResultRow openDirect = measure(openMode, "direct", this.direct, request, open);
		ResultRow openGateway = measure(openMode, "gateway", List.of(this.gateway), request, open);
		String bestMode = closed.describe() + ", best of " + this.rounds;
		Report report = report("Gateway overhead").parameter("gateway", this.gateway)
			.parameter("direct", this.direct)
			.parameter("request", request)
			.parameter("concurrency", this.concurrency)
			.parameter("closed-loop rounds", this.rounds)
			.parameter("open-loop rate", Report.throughput(halfLoad) + " req/s")
			.table("Results",
					List.of(new ResultRow(bestMode, "direct", bestDirect.result()),
							new ResultRow(bestMode, "gateway", bestGateway.result()), openDirect, openGateway))
			.table("All runs", concat(closedRuns, List.of(openDirect, openGateway)))
			.summary("gateway/direct throughput",
					String.format(Locale.ROOT, "%.2f",
							bestGateway.result().throughput() / bestDirect.result().throughput()))
			.summary("added p50 at half load", addedMillis(openGateway.result().p50() - openDirect.result().p50()))
			.summary("added p99 at half load", addedMillis(openGateway.result().p99() - openDirect.result().p99()))
			.note("Closed-loop runs alternate direct and gateway for " + this.rounds + " round(s), and the best "
					+ "throughput of each is kept, so a disturbance (GC, JIT, another process) costs one round "
					+ "rather than the result.")
			.note("Direct requests go round robin over the instances, one request each, as the gateway spreads "
					+ "them.")
			.note("Open-loop runs offer half of the best direct throughput to both paths, with the same "
					+ "connections per target as the closed loop. Their latency counts from each request's "
					+ "intended start time, so queueing in the client or the server is not omitted "
					+ "(coordinated omission corrected).")
			.note("Latency percentiles are of successful requests; errors are counted by kind.")
			.build();
		return finish(report);
	}

	private static ResultRow better(ResultRow best, ResultRow candidate) {
		return (best == null || candidate.result().throughput() > best.result().throughput()) ? candidate : best;
	}

	private static String addedMillis(double millis) {
		return String.format(Locale.ROOT, "%+.2f ms", millis);
	}

	private static <T> List<T> concat(List<T> first, List<T> second) {
		List<T> all = new ArrayList<>(first);
		all.addAll(second);
		return all;
	}

}
