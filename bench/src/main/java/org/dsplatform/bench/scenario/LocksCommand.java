package org.dsplatform.bench.scenario;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.dsplatform.bench.load.BenchRequest;
import org.dsplatform.bench.load.RunResult;
import org.dsplatform.bench.report.Report;
import org.dsplatform.bench.report.ResultRow;
import org.redisson.Redisson;
import org.redisson.api.RLock;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The lock service against raw Redisson on the same Redis: uncontended acquire+release
 * pairs through the gateway, direct to one lock-service node and in process with
 * Redisson, then a contended run of many clients on a few names through the gateway. A
 * pair is two HTTP requests, so the runs use a small closed loop of blocking workers
 * ({@link WorkerLoop}) rather than the generator.
 */
@Command(name = "locks", mixinStandardHelpOptions = true, sortOptions = false,
		defaultValueProvider = ShortRunDefaults.class,
		description = { "Measures lock-service acquire+release pairs against raw Redisson on the same Redis.",
				"Uncontended: --concurrency workers, a lock name each, through the gateway, direct to the first "
						+ "lock-service node, and in process with Redisson (RLock.lock(lease) + unlock()).",
				"Contended: --contended-clients clients on --contended-names names (round robin), waiting up to "
						+ "10 s, through the gateway: grants/s and the acquire (wait) latency.",
				"Exits with 3 if a target does not answer before the run." })
public final class LocksCommand extends ScenarioCommand {

	static final String OWNER = "bench";

	static final long LEASE_MS = 10_000;

	static final long CONTENDED_WAIT_MS = 10_000;

	@Option(names = "--gateway", defaultValue = "http://127.0.0.1:8080",
			description = "The gateway's base URL (default: ${DEFAULT-VALUE}).")
	URI gateway;

	@Option(names = "--locks", split = ",", defaultValue = "http://127.0.0.1:8301,http://127.0.0.1:8302",
			description = "lock-service nodes' base URLs; the direct runs use the first (default: ${DEFAULT-VALUE}).")
	List<URI> locks;

	@Option(names = "--redis", defaultValue = "redis://127.0.0.1:6390",
			description = "The Redis the lock service uses, for the raw Redisson runs; 'none' skips them "
					+ "(default: ${DEFAULT-VALUE}).")
	String redis;

	@Option(names = "--concurrency", defaultValue = "16",
			description = "Workers of the uncontended runs, a lock name each (default: ${DEFAULT-VALUE}).")
	int concurrency;

	@Option(names = "--contended-clients", defaultValue = "64",
			description = "Clients of the contended run (default: ${DEFAULT-VALUE}).")
	int contendedClients;

	@Option(names = "--contended-names", defaultValue = "8",
			description = "Lock names of the contended run, taken round robin by the clients "
					+ "(default: ${DEFAULT-VALUE}).")
	int contendedNames;

	private BlockingHttp http;

	@Override
	int run() throws Exception {
		BenchRequest probe = BenchRequest.get("/api/locks/info");
		boolean direct = reachable(probe, "lock-service", List.of(this.locks.get(0)));
		if (!(reachable(probe, "gateway", List.of(this.gateway)) && direct)) {
			return EXIT_UNREACHABLE;
		}
		this.http = new BlockingHttp(this.timeout);
		String run = Long.toString(System.currentTimeMillis(), 36);
		String mode = "closed-loop c=" + this.concurrency + ", uncontended pairs";
		List<ResultRow> rows = new ArrayList<>();
		ResultRow viaGateway = pairs(mode, "gateway", this.gateway, "bench-u-g-" + run + "-");
		rows.add(viaGateway);
		ResultRow viaDirect = pairs(mode, "direct " + this.locks.get(0), this.locks.get(0), "bench-u-d-" + run + "-");
		rows.add(viaDirect);
		ResultRow raw = null;
		String rawNote;
		if (!"none".equalsIgnoreCase(this.redis)) {
			raw = redisson(mode, "bench-u-r-" + run + "-");
			rows.add(raw);
			rawNote = "Raw Redisson: one RedissonClient in this process against " + this.redis + ", RLock.lock("
					+ LEASE_MS + " ms) then unlock() on a name per worker, same concurrency.";
		}
		else {
			rawNote = "Raw Redisson was not measured (--redis=none).";
		}
		Recorder waits = new Recorder(3);
		ResultRow contended = contended(
				"closed-loop c=" + this.contendedClients + ", " + this.contendedNames + " names, contended", "gateway",
				"bench-c-" + run + "-", waits);
		Histogram wait = waits.getIntervalHistogram();
		Report.Builder report = report("Locks: lock-service vs raw Redisson").parameter("gateway", this.gateway)
			.parameter("lock-service nodes", this.locks)
			.parameter("redis", this.redis)
			.parameter("uncontended concurrency", this.concurrency)
			.parameter("contended clients / names", this.contendedClients + " / " + this.contendedNames)
			.parameter("acquire",
					"{\"owner\":\"" + OWNER + "\",\"leaseMs\":" + LEASE_MS + ",\"waitMs\":0} " + "(contended: waitMs "
							+ CONTENDED_WAIT_MS + ")")
			.table("Uncontended acquire+release pairs", rows)
			.table("Contended (one row = one grant + its release)", List.of(contended));
		if (raw != null) {
			report.summary("gateway/raw pairs per second", ratio(viaGateway, raw))
				.summary("direct/raw pairs per second", ratio(viaDirect, raw));
		}
		report.summary("contended grants/s", Report.throughput(contended.result().throughput()))
			.summary("contended acquire (wait) p50 / p99",
					millis(wait, 50.0) + " / " + millis(wait, 99.0) + " ms (" + wait.getTotalCount() + " grants)")
			.note("A pair is POST /api/locks/mutex/{name}/acquire then POST .../release with the leaseId of the "
					+ "answer; its latency is of both, from the start of the acquire (closed loop: the intended "
					+ "start). Each worker has its own lock name, so nothing contends.")
			.note(rawNote)
			.note("Goal from the issue: service >= 0.5x raw Redisson pairs per second.")
			.note("Contended: each client takes name (client mod " + this.contendedNames + "), acquires with "
					+ "waitMs " + CONTENDED_WAIT_MS + ", releases at once (hold 0). The wait latency is the "
					+ "acquire request's, granted ones only; a 409 (not granted in time) counts as an error.")
			.note("The runs use blocking clients (Apache HttpClient, classic) in worker threads, not the "
					+ "generator, because a pair chains two requests.");
		return finish(report.build());
	}

	private ResultRow pairs(String mode, String target, URI base, String prefix) throws InterruptedException {
		say("%s -> %s %s", mode, target, base);
		RunResult result = WorkerLoop.run(this.concurrency, this.warmup, this.duration, 0,
				(worker, iteration, sequence) -> pair(base, prefix + worker, 0, null, 0));
		return new ResultRow(mode, target, result);
	}

	private ResultRow contended(String mode, String target, String prefix, Recorder waits) throws InterruptedException {
		say("%s -> %s %s", mode, target, this.gateway);
		long measureFrom = System.nanoTime() + this.warmup.toNanos();
		RunResult result = WorkerLoop.run(this.contendedClients, this.warmup, this.duration, 0,
				(worker, iteration, sequence) -> pair(this.gateway, prefix + (worker % this.contendedNames),
						CONTENDED_WAIT_MS, waits, measureFrom));
		return new ResultRow(mode, target, result);
	}

	/** One acquire and its release; records the acquire's latency if asked. */
	private void pair(URI base, String name, long waitMs, Recorder waits, long measureFrom)
			throws IOException, InterruptedException {
		String path = "/api/locks/mutex/" + name;
		long start = System.nanoTime();
		String lease = post(base, path + "/acquire",
				"{\"owner\":\"" + OWNER + "\",\"leaseMs\":" + LEASE_MS + ",\"waitMs\":" + waitMs + "}");
		if (waits != null && start >= measureFrom) {
			waits.recordValue(TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - start));
		}
		String leaseId = Json.field(lease, "leaseId")
			.orElseThrow(() -> new IOException("no leaseId in " + ControlClient.abbreviate(lease)));
		post(base, path + "/release", "{\"leaseId\":" + Json.string(leaseId) + "}");
	}

	private String post(URI base, String path, String json) throws IOException, InterruptedException {
		return this.http.send(base, "POST", path, json).body();
	}

	private ResultRow redisson(String mode, String prefix) throws InterruptedException {
		say("%s -> raw Redisson %s", mode, this.redis);
		Config config = new Config();
		config.useSingleServer().setAddress(this.redis).setConnectionPoolSize(Math.max(64, this.concurrency * 2));
		RedissonClient client = Redisson.create(config);
		try {
			RunResult result = WorkerLoop.run(this.concurrency, this.warmup, this.duration, 0,
					(worker, iteration, sequence) -> {
						RLock lock = client.getLock(prefix + worker);
						lock.lock(LEASE_MS, TimeUnit.MILLISECONDS);
						lock.unlock();
					});
			return new ResultRow(mode, "raw Redisson", result);
		}
		finally {
			client.shutdown(0, 2, TimeUnit.SECONDS);
		}
	}

	static String ratio(ResultRow service, ResultRow raw) {
		double rawThroughput = raw.result().throughput();
		return (rawThroughput > 0) ? String.format(Locale.ROOT, "%.2f", service.result().throughput() / rawThroughput)
				: "n/a";
	}

	private static String millis(Histogram histogram, double percentile) {
		return Report
			.millis((histogram.getTotalCount() > 0) ? histogram.getValueAtPercentile(percentile) / 1000.0 : 0.0);
	}

	private void say(String format, Object... args) {
		err().printf("%s: %s%n", this.spec.name(), String.format(Locale.ROOT, format, args));
		err().flush();
	}

}
