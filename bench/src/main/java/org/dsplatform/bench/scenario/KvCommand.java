package org.dsplatform.bench.scenario;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;

import org.dsplatform.bench.etcd.EtcdBinary;
import org.dsplatform.bench.etcd.EtcdCluster;
import org.dsplatform.bench.load.BenchRequest;
import org.dsplatform.bench.load.Load;
import org.dsplatform.bench.load.RequestSupplier;
import org.dsplatform.bench.load.RunResult;
import org.dsplatform.bench.ratis.RatisBaseline;
import org.dsplatform.bench.report.Report;
import org.dsplatform.bench.report.ResultRow;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The platform's Raft KV against etcd, side by side in one run: the same closed-loop load
 * of PUTs and linearizable GETs of random keys, from the same generator, round robin over
 * three nodes of each. etcd is a throw-away three-member cluster on loopback that the
 * scenario starts (installing etcd first if allowed) and stops, driven through its JSON
 * gateway; without etcd the scenario measures our KV alone. Ratis alone, in this process
 * with a trivial state machine ({@link RatisBaseline}), gets the same operations: the
 * ceiling for any KV built on Ratis here.
 * <p>
 * Runs alternate which store goes first, so that neither is systematically the one that
 * runs on a warmer generator or right after its own writes.
 */
@Command(name = "kv", mixinStandardHelpOptions = true, sortOptions = false, description = {
		"Measures the platform's kv-service against etcd, side by side in one run.",
		"Both get the same closed-loop load: PUTs of a 1 KiB value and linearizable GETs, of random keys of "
				+ "a populated keyspace, round robin over three nodes of each, at each concurrency.",
		"etcd runs as a 3-member cluster on loopback that this command starts and stops, through its JSON "
				+ "gateway. Without an etcd binary (and no permission to install one) it measures our KV alone.",
		"Ratis alone (three peers in this process, a map as the state machine, requests handed to them "
				+ "in process) gets the same operations at the same concurrencies, as the yardstick for what "
				+ "the Raft library itself costs here; --no-ratis skips it.",
		"Exits with 3 if a kv node does not answer before the run." })
public final class KvCommand extends ScenarioCommand {

	static final String OURS = "ours";

	static final String ETCD = "etcd";

	static final String RATIS = "Ratis alone";

	private static final Duration RATIS_START_TIMEOUT = Duration.ofSeconds(30);

	/** Longer than populating the keyspace can take unless something is wrong. */
	private static final Duration RATIS_POPULATE_LIMIT = Duration.ofMinutes(5);

	static final String KEY_PREFIX = "bench/k";

	private static final String PROBE_KEY = "bench/probe";

	/** Enough to populate quickly without overloading either store. */
	private static final int POPULATE_CONCURRENCY = 64;

	private static final Duration MAX_CONTROL_TIMEOUT = Duration.ofSeconds(5);

	@Option(names = "--kv", split = ",",
			defaultValue = "http://127.0.0.1:8101,http://127.0.0.1:8102,http://127.0.0.1:8103",
			description = "Our kv-service nodes' base URLs, used round robin (default: ${DEFAULT-VALUE}).")
	List<URI> kv;

	@Option(names = "--concurrency", split = ",", defaultValue = "16,64,256",
			description = "Closed-loop concurrencies, each measured for both stores and both operations "
					+ "(default: ${DEFAULT-VALUE}).")
	List<Integer> concurrency;

	@Option(names = "--keys", defaultValue = "10000",
			description = "Keys in the keyspace, written once before the runs (default: ${DEFAULT-VALUE}).")
	int keys;

	@Option(names = "--value-size", defaultValue = "1024",
			description = "Bytes in each value written (default: ${DEFAULT-VALUE}).")
	int valueSize;

	@Option(names = "--pause", defaultValue = "2s", converter = DurationConverter.class,
			description = "Idle time before each run, so one store's background work (snapshots, compaction, "
					+ "publishing) settles before the other is measured (default: ${DEFAULT-VALUE}).")
	Duration pause;

	@Option(names = "--etcd", defaultValue = "etcd",
			description = "The etcd binary: a name looked up on the PATH, or a path (default: ${DEFAULT-VALUE}).")
	String etcdBinary;

	@Option(names = "--install-etcd", negatable = true,
			description = "Install Debian's etcd-server with apt-get if etcd is missing. By default it is "
					+ "installed when running as root and apt-get exists; --no-install-etcd never installs.")
	Boolean installEtcd;

	@Option(names = "--etcd-endpoints", split = ",",
			description = "Client URLs of an etcd cluster that is already running, measured instead of starting one.")
	List<URI> etcdEndpoints;

	@Option(names = "--ratis", negatable = true, defaultValue = "true", fallbackValue = "true", arity = "0..1",
			description = "Measure Ratis alone too: three peers in this process with a map as the state machine, "
					+ "the same operations handed to them in process; --no-ratis skips it (default: ${DEFAULT-VALUE}).")
	boolean ratis;

	@Override
	int run() throws Exception {
		validate();
		Keyspace keyspace = new Keyspace(KEY_PREFIX, this.keys);
		String value = value(this.valueSize, ThreadLocalRandom.current());
		ControlClient control = new ControlClient(
				(this.timeout.compareTo(MAX_CONTROL_TIMEOUT) < 0) ? this.timeout : MAX_CONTROL_TIMEOUT);
		Side ours = new Side(OURS, new KvApi.Platform(), this.kv);
		if (!reachable(ours.api().put(PROBE_KEY, "probe"), OURS, this.kv)) {
			return EXIT_UNREACHABLE;
		}
		Etcd etcd = new Etcd();
		try {
			acquire(etcd);
			Optional<String> problem = populate(ours, keyspace, value, control);
			if (problem.isPresent()) {
				say("our KV: " + problem.get());
				return EXIT_FAILED;
			}
			if (etcd.side != null) {
				problem = populate(etcd.side, keyspace, value, control);
				if (problem.isPresent()) {
					etcd.notMeasured("populating it failed: " + problem.get());
					say("etcd: " + etcd.reason + "; measuring our KV only");
					etcd.stop(this);
				}
			}
			List<Side> sides = (etcd.side != null) ? List.of(ours, etcd.side) : List.of(ours);
			Baseline baseline = startBaseline(keyspace, value);
			try {
				Map<Side, Status> before = statuses(sides, control);
				List<String> order = new ArrayList<>();
				Map<String, ResultRow> results = runAll(sides, baseline.ratis, keyspace, value, order);
				Map<Side, Status> after = statuses(sides, control);
				baseline.close();
				etcd.stop(this);
				return finish(report(sides, etcd, baseline, keyspace, results, order, before, after,
						kvServiceVersion(control)));
			}
			finally {
				baseline.close();
			}
		}
		finally {
			etcd.stop(this);
		}
	}

	/**
	 * Starts Ratis alone, unless asked not to, and writes the keyspace into it; anything
	 * failing leaves it unmeasured, with the reason.
	 */
	private Baseline startBaseline(Keyspace keyspace, String value) throws InterruptedException {
		Baseline baseline = new Baseline();
		if (!this.ratis) {
			baseline.reason = "--no-ratis";
			return baseline;
		}
		Path directory = this.reportDir.resolve("ratis-" + Report.stamp(startedAt())).toAbsolutePath();
		try {
			baseline.ratis = RatisBaseline.start(directory, RATIS_START_TIMEOUT.toMillis());
		}
		catch (IOException ex) {
			baseline.reason = "it did not start: " + ex.getMessage();
			say("Ratis alone: not measured: " + baseline.reason);
			return baseline;
		}
		baseline.description = baseline.ratis.describe();
		say("Ratis alone: " + baseline.description);
		byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
		RatisBaseline ratis = baseline.ratis;
		RunResult populated = WorkerLoop.run(POPULATE_CONCURRENCY, Duration.ZERO, RATIS_POPULATE_LIMIT, keyspace.size(),
				(worker, iteration, sequence) -> ratis.put(keyspace.key(sequence), bytes));
		if (populated.errors() > 0 || populated.requests() < keyspace.size()) {
			baseline.reason = "populating it failed: " + populated.requests() + " of " + keyspace.size()
					+ " writes, errors " + populated.errorsByKind();
			say("Ratis alone: not measured: " + baseline.reason);
			baseline.close();
		}
		return baseline;
	}

	/**
	 * A value of printable ASCII, so it is the same number of bytes in UTF-8 as it has
	 * characters and needs no escaping in JSON.
	 */
	static String value(int bytes, RandomGenerator random) {
		String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
		StringBuilder value = new StringBuilder(bytes);
		for (int i = 0; i < bytes; i++) {
			value.append(alphabet.charAt(random.nextInt(alphabet.length())));
		}
		return value.toString();
	}

	private void validate() {
		if (this.keys < 1) {
			throw new ParameterException(this.spec.commandLine(), "--keys must be at least 1");
		}
		if (this.valueSize < 1) {
			throw new ParameterException(this.spec.commandLine(), "--value-size must be at least 1");
		}
		if (this.concurrency.isEmpty() || this.concurrency.stream().anyMatch((c) -> c < 1)) {
			throw new ParameterException(this.spec.commandLine(), "--concurrency must list numbers of at least 1");
		}
		if (this.pause.isNegative()) {
			throw new ParameterException(this.spec.commandLine(), "--pause must not be negative");
		}
	}

	/**
	 * Gets an etcd to measure: the endpoints given, or a cluster started from a binary
	 * found or installed; then finds the gateway's prefix. Anything missing leaves etcd
	 * unmeasured, with the reason.
	 */
	private void acquire(Etcd etcd) throws InterruptedException {
		List<URI> endpoints;
		if (this.etcdEndpoints != null && !this.etcdEndpoints.isEmpty()) {
			endpoints = this.etcdEndpoints;
			etcd.origin = "already running at " + endpoints;
			say("etcd: using the cluster at " + endpoints);
		}
		else {
			Path directory = this.reportDir.resolve("etcd-" + Report.stamp(startedAt())).toAbsolutePath();
			EtcdBinary.Install install = (this.installEtcd == null) ? EtcdBinary.Install.IF_ROOT
					: (this.installEtcd ? EtcdBinary.Install.ALWAYS : EtcdBinary.Install.NEVER);
			EtcdBinary.Lookup lookup = EtcdBinary.ofEnvironment().find(this.etcdBinary, install, directory);
			for (String step : lookup.steps()) {
				say("etcd: " + step);
				etcd.steps.add(step);
			}
			if (lookup.binary().isEmpty()) {
				etcd.notMeasured("no etcd binary (" + lookup.steps().get(lookup.steps().size() - 1) + ")");
				say("etcd: not measured: no etcd binary; measuring our KV only");
				return;
			}
			Path binary = lookup.binary().get();
			etcd.version = EtcdBinary.version(binary);
			say("etcd: " + etcd.version);
			EtcdCluster.Settings settings = EtcdCluster.Settings.defaults();
			etcd.flags = String.join(" ", settings.flags());
			say("etcd: starting " + settings.members() + " members on loopback, data and logs in " + directory);
			try {
				etcd.cluster = EtcdCluster.start(binary, directory, settings);
			}
			catch (IOException ex) {
				etcd.notMeasured("the cluster did not start: " + ex.getMessage());
				say("etcd: not measured: " + etcd.reason.lines().findFirst().orElse("") + "; measuring our KV only");
				ex.getMessage().lines().skip(1).forEach((line) -> say("etcd:   " + line));
				return;
			}
			endpoints = etcd.cluster.clientUrls();
			etcd.origin = settings.members() + " members started here at " + endpoints + ", data in " + directory
					+ " (deleted after the runs; the members' logs stay there)";
			say("etcd: healthy at " + endpoints);
		}
		Optional<KvApi.EtcdGateway> gateway = gateway(endpoints, etcd);
		if (gateway.isEmpty()) {
			etcd.stop(this);
			return;
		}
		etcd.side = new Side(ETCD, gateway.get(), endpoints);
		if (etcd.version == null) {
			etcd.version = "server " + etcdStatusField(endpoints.get(0), gateway.get(), "version");
		}
	}

	/**
	 * Finds the prefix the gateway answers under by asking, newest first, rather than
	 * guessing from the version; then checks every endpoint answers under it.
	 */
	private Optional<KvApi.EtcdGateway> gateway(List<URI> endpoints, Etcd etcd) {
		List<String> tried = new ArrayList<>();
		for (String prefix : KvApi.EtcdGateway.PREFIXES) {
			KvApi.EtcdGateway candidate = new KvApi.EtcdGateway(prefix);
			Optional<String> problem = probe(endpoints.get(0), candidate.get(PROBE_KEY));
			if (problem.isEmpty()) {
				etcd.gateway = prefix + " (probed " + String.join(", ", concat(tried, List.of(prefix))) + ")";
				say("etcd: JSON gateway answers under " + prefix);
				List<String> failing = new ArrayList<>();
				for (URI endpoint : endpoints) {
					probe(endpoint, candidate.get(PROBE_KEY)).ifPresent((p) -> failing.add(endpoint + " " + p));
				}
				if (!failing.isEmpty()) {
					etcd.notMeasured("not every endpoint answers: " + String.join("; ", failing));
					say("etcd: not measured: " + etcd.reason + "; measuring our KV only");
					return Optional.empty();
				}
				return Optional.of(candidate);
			}
			tried.add(prefix);
			say("etcd: no JSON gateway under " + prefix + ": " + endpoints.get(0) + " " + problem.get());
		}
		etcd.notMeasured("no JSON gateway under any of " + KvApi.EtcdGateway.PREFIXES);
		say("etcd: not measured: " + etcd.reason + "; measuring our KV only");
		return Optional.empty();
	}

	/**
	 * Writes every key once, then reads the first and the last back, so that every GET of
	 * the runs finds a value (etcd answers a missing key with 200 and no value, which
	 * would otherwise count as a cheap success).
	 */
	private Optional<String> populate(Side side, Keyspace keyspace, String value, ControlClient control) {
		RequestSupplier puts = (sequence) -> side.api().put(keyspace.key(sequence), value);
		Optional<String> problem = prepare("populating " + side.name(), side.targets(), puts, keyspace.size(),
				POPULATE_CONCURRENCY);
		if (problem.isPresent()) {
			return problem;
		}
		List<URI> targets = side.targets();
		for (long index : new long[] { 0, keyspace.size() - 1 }) {
			URI target = targets.get((int) (index % targets.size()));
			String key = keyspace.key(index);
			try {
				String answer = control.send(target, side.api().get(key));
				if (!answer.contains(side.api().foundValue(value))) {
					return Optional.of("key " + key + " does not read back with the value written: "
							+ ControlClient.abbreviate(answer));
				}
			}
			catch (IOException ex) {
				return Optional.of("reading key " + key + " back failed: " + ex.getMessage());
			}
		}
		return Optional.empty();
	}

	/**
	 * Every operation at every concurrency, for each store, in the order of the
	 * {@link #plan}.
	 */
	private Map<String, ResultRow> runAll(List<Side> sides, RatisBaseline ratis, Keyspace keyspace, String value,
			List<String> order) throws InterruptedException {
		Map<String, ResultRow> results = new LinkedHashMap<>();
		List<Run> plan = plan(this.concurrency, sides);
		for (int i = 0; i < plan.size(); i++) {
			Run run = plan.get(i);
			Thread.sleep(this.pause.toMillis());
			String mode = mode(run.operation(), run.concurrency());
			Side side = run.side();
			results.put(mode + "/" + side.name(), measure(mode, side.name(), side.targets(),
					run.operation().requests(side.api(), keyspace, value), Load.closed(run.concurrency())));
			order.add(mode + " " + side.name());
			boolean lastOfItsMode = (i + 1 == plan.size())
					|| !mode(plan.get(i + 1).operation(), plan.get(i + 1).concurrency()).equals(mode);
			if (ratis != null && lastOfItsMode) {
				Thread.sleep(this.pause.toMillis());
				results.put(mode + "/" + RATIS, measureRatis(mode, run, ratis, keyspace, value));
				order.add(mode + " " + RATIS);
			}
		}
		return results;
	}

	/**
	 * The same operation at the same concurrency handed to Ratis alone by as many worker
	 * threads, each waiting for its request's reply: the way the kv-service's own request
	 * threads wait for theirs.
	 */
	private ResultRow measureRatis(String mode, Run run, RatisBaseline ratis, Keyspace keyspace, String value)
			throws InterruptedException {
		say(mode + " -> Ratis alone, in process");
		byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
		WorkerLoop.SequencedUnit unit = switch (run.operation()) {
			case PUT ->
				(worker, iteration, sequence) -> ratis.put(keyspace.randomKey(ThreadLocalRandom.current()), bytes);
			case GET -> (worker, iteration, sequence) -> ratis.get(keyspace.randomKey(ThreadLocalRandom.current()),
					(int) sequence);
		};
		return new ResultRow(mode, RATIS, WorkerLoop.run(run.concurrency(), this.warmup, this.duration, 0, unit));
	}

	/**
	 * The order of the runs: by concurrency, PUTs then GETs, each store in turn. Which
	 * store goes first alternates between the operations of a concurrency and between
	 * concurrencies (ours first for PUT and etcd first for GET at the first concurrency,
	 * the other way round at the second, ...), so that neither store is always the one
	 * measured first, on a colder generator, or always the one measured right after the
	 * other's writes.
	 * @param concurrency the concurrencies, in order
	 * @param sides the stores, ours first
	 * @return the runs, in order
	 */
	static List<Run> plan(List<Integer> concurrency, List<Side> sides) {
		List<Run> runs = new ArrayList<>();
		for (int level = 0; level < concurrency.size(); level++) {
			for (Operation operation : Operation.values()) {
				List<Side> inTurn = new ArrayList<>(sides);
				if ((level + operation.ordinal()) % 2 == 1) {
					Collections.reverse(inTurn);
				}
				for (Side side : inTurn) {
					runs.add(new Run(operation, concurrency.get(level), side));
				}
			}
		}
		return runs;
	}

	private Map<Side, Status> statuses(List<Side> sides, ControlClient control) {
		Map<Side, Status> statuses = new LinkedHashMap<>();
		for (Side side : sides) {
			statuses.put(side, (side.api() instanceof KvApi.EtcdGateway gateway)
					? etcdStatus(side.targets().get(0), gateway, control) : ourStatus(side.targets().get(0), control));
		}
		return statuses;
	}

	private static Status ourStatus(URI node, ControlClient control) {
		try {
			String cluster = control.send(node, BenchRequest.get("/api/kv/cluster"));
			return new Status(Json.field(cluster, "leaderId").orElse("none"),
					Json.maxNumber(cluster, "term").orElse(-1L), null);
		}
		catch (IOException ex) {
			return Status.unknown(ex.getMessage());
		}
	}

	private static Status etcdStatus(URI member, KvApi.EtcdGateway gateway, ControlClient control) {
		try {
			String status = control.send(member, gateway.status());
			String leader = Json.field(status, "leader")
				.map((id) -> Long.toHexString(Long.parseUnsignedLong(id)))
				.orElse("none");
			long term = Json.field(status, "raftTerm")
				.or(() -> Json.field(status, "raft_term"))
				.map(Long::parseLong)
				.orElse(-1L);
			return new Status(leader, term, Json.field(status, "dbSize").map(Long::parseLong).orElse(null));
		}
		catch (IOException | NumberFormatException ex) {
			return Status.unknown(ex.getMessage());
		}
	}

	private String etcdStatusField(URI member, KvApi.EtcdGateway gateway, String field) {
		try {
			return Json.field(new ControlClient(MAX_CONTROL_TIMEOUT).send(member, gateway.status()), field)
				.orElse("unknown");
		}
		catch (IOException ex) {
			return "unknown (" + ex.getMessage() + ")";
		}
	}

	private String kvServiceVersion(ControlClient control) {
		try {
			String info = control.send(this.kv.get(0), BenchRequest.get("/actuator/info"));
			return "kv-service " + Json.field(info, "version").orElse("(no build version)")
					+ Json.field(info, "id").map((commit) -> " (git " + commit + ")").orElse("");
		}
		catch (IOException ex) {
			return "unknown (" + ex.getMessage() + ")";
		}
	}

	private Report report(List<Side> sides, Etcd etcd, Baseline baseline, Keyspace keyspace,
			Map<String, ResultRow> results, List<String> order, Map<Side, Status> before, Map<Side, Status> after,
			String kvVersion) {
		boolean withRatis = baseline.reason == null;
		Report.Builder report = report("Our KV against etcd").parameter("ours", this.kv)
			.parameter("ours version", kvVersion)
			.parameter("etcd", (etcd.side != null) ? etcd.origin : "not measured: " + etcd.reason)
			.parameter("Ratis alone", withRatis ? baseline.description : "not measured: " + baseline.reason);
		if (!etcd.steps.isEmpty()) {
			report.parameter("etcd binary", String.join("; ", etcd.steps));
		}
		if (etcd.version != null) {
			report.parameter("etcd version", etcd.version);
		}
		if (etcd.flags != null) {
			report.parameter("etcd flags", "`" + etcd.flags + "`");
		}
		if (etcd.gateway != null) {
			report.parameter("etcd JSON gateway", etcd.gateway);
		}
		report
			.parameter("operations",
					"PUT of a " + this.valueSize + "-byte value to a random key; linearizable GET of a random key")
			.parameter("keyspace", keyspace + ", each written once before the runs (not measured)")
			.parameter("concurrency",
					this.concurrency.stream().map(String::valueOf).collect(Collectors.joining(", ")) + " (closed loop)")
			.parameter("pause before each run", DurationConverter.format(this.pause));
		List<ResultRow> rows = new ArrayList<>();
		for (Operation operation : Operation.values()) {
			for (int c : this.concurrency) {
				for (Side side : sides) {
					rows.add(results.get(mode(operation, c) + "/" + side.name()));
				}
				if (withRatis) {
					rows.add(results.get(mode(operation, c) + "/" + RATIS));
				}
			}
		}
		report.table("Results", rows);
		if (etcd.side != null) {
			for (Operation operation : Operation.values()) {
				for (int c : this.concurrency) {
					double ours = results.get(mode(operation, c) + "/" + OURS).result().throughput();
					double theirs = results.get(mode(operation, c) + "/" + ETCD).result().throughput();
					report.summary(mode(operation, c) + " throughput ours/etcd", ratio(ours, theirs));
				}
			}
		}
		else {
			report.summary("etcd", "not measured: " + etcd.reason.lines().findFirst().orElse(""));
		}
		if (withRatis) {
			for (Operation operation : Operation.values()) {
				for (int c : this.concurrency) {
					double ours = results.get(mode(operation, c) + "/" + OURS).result().throughput();
					double alone = results.get(mode(operation, c) + "/" + RATIS).result().throughput();
					report.summary(mode(operation, c) + " throughput ours/Ratis alone", ratio(ours, alone));
					if (etcd.side != null) {
						double theirs = results.get(mode(operation, c) + "/" + ETCD).result().throughput();
						report.summary(mode(operation, c) + " throughput Ratis alone/etcd", ratio(alone, theirs));
					}
				}
			}
		}
		else {
			report.summary(RATIS, "not measured: " + baseline.reason.lines().findFirst().orElse(""));
		}
		for (Side side : sides) {
			report.summary(side.name() + " Raft leader and term", before.get(side).describeChange(after.get(side)));
		}
		if (etcd.side != null && after.get(etcd.side).dbSize() != null) {
			report.summary("etcd backend database at the end",
					megabytes(after.get(etcd.side).dbSize()) + " (one member's; no defragmentation during the run)");
		}
		report
			.note("Run order: " + String.join(", ", order) + ". Which store goes first alternates between the "
					+ "operations of a concurrency and between concurrencies, so neither always runs first (on a "
					+ "colder generator) or always right after the other's writes; every run has its own warm-up, "
					+ "and a pause of " + DurationConverter.format(this.pause) + " comes before it.")
			.note("Both stores get the same load from the same generator and client settings (Reactor Netty, "
					+ "HTTP/1.1 keep-alive, c connections per node, no retries): c requests in flight, each to the "
					+ "next node round robin, each for a key drawn uniformly at random from the keyspace.")
			.note("Each write is acknowledged after its Raft commit on both. Reads are linearizable on both: ours "
					+ "by ReadIndex (the default), etcd's default range request likewise. Any node takes any "
					+ "request; followers forward writes to the leader.")
			.note("Both are driven through their HTTP JSON API. etcd's is a gateway that translates each request "
					+ "to gRPC inside the member, a cost its native gRPC clients do not pay; its values travel "
					+ "base64-encoded (4/3 the bytes), while both store the same " + this.valueSize + " bytes.")
			.note("Our kv-service's leader also publishes every committed change to Kafka (the platform's change "
					+ "stream) and marks its progress through the Raft log; etcd has no such duty.")
			.note("Everything runs on this one machine: the generator, both clusters and the rest of the platform "
					+ "(idle) share its cores, so the figures compare the two stores here, not their capacity on "
					+ "machines of their own.")
			.note("Latency percentiles are of successful requests; errors are counted by kind.");
		if (withRatis) {
			report.note("Ratis alone is the yardstick for the Raft library under our KV: three peers in this "
					+ "command's JVM with a map as the state machine, each operation handed to a peer in process "
					+ "by as many worker threads as the concurrency (writes to the leader, linearizable reads "
					+ "round robin over the peers, by ReadIndex). It has no HTTP, JSON, revisions, history, "
					+ "change stream, leases or fencing, and shares one JVM, so it is an upper bound for any KV "
					+ "built on Ratis with these settings on this machine; it runs after both stores at each "
					+ "concurrency and operation.");
		}
		return report.build();
	}

	private static String mode(Operation operation, int concurrency) {
		return operation + " c=" + concurrency;
	}

	private static String ratio(double ours, double theirs) {
		String figures = " (" + Report.throughput(ours) + " / " + Report.throughput(theirs) + " req/s)";
		return ((theirs > 0) ? String.format(Locale.ROOT, "%.2f", ours / theirs) : "n/a") + figures;
	}

	private static String megabytes(long bytes) {
		return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
	}

	private void say(String line) {
		err().printf("%s: %s%n", this.spec.name(), line);
		err().flush();
	}

	private static <T> List<T> concat(List<T> first, List<T> second) {
		List<T> all = new ArrayList<>(first);
		all.addAll(second);
		return all;
	}

	/**
	 * What a run asks for.
	 */
	enum Operation {

		PUT {
			@Override
			RequestSupplier requests(KvApi api, Keyspace keyspace, String value) {
				return (sequence) -> api.put(keyspace.randomKey(ThreadLocalRandom.current()), value);
			}
		},

		GET {
			@Override
			RequestSupplier requests(KvApi api, Keyspace keyspace, String value) {
				return (sequence) -> api.get(keyspace.randomKey(ThreadLocalRandom.current()));
			}
		};

		abstract RequestSupplier requests(KvApi api, Keyspace keyspace, String value);

	}

	/**
	 * One run of the plan.
	 *
	 * @param operation what it asks
	 * @param concurrency requests in flight
	 * @param side which store
	 */
	record Run(Operation operation, int concurrency, Side side) {

	}

	/**
	 * One store under test.
	 *
	 * @param name {@code ours} or {@code etcd}
	 * @param api how it is asked
	 * @param targets its nodes, used round robin
	 */
	record Side(String name, KvApi api, List<URI> targets) {

	}

	/**
	 * A Raft group's leader and term as one member sees them.
	 *
	 * @param leader the leader's id, or {@code none}
	 * @param term the term, or -1 if unknown
	 * @param dbSize etcd's backend database size in bytes, or {@code null}
	 */
	record Status(String leader, long term, Long dbSize) {

		static Status unknown(String why) {
			return new Status("unknown (" + why + ")", -1, null);
		}

		String describe() {
			return this.leader + ((this.term >= 0) ? ", term " + this.term : "");
		}

		String describeChange(Status after) {
			String change = describe() + " -> " + after.describe();
			if (this.term < 0 || after.term < 0) {
				return change;
			}
			if (after.term == this.term && after.leader.equals(this.leader)) {
				return change + " (no election during the runs)";
			}
			return change + " (term rose by " + (after.term - this.term) + ": at least one election during the runs)";
		}

	}

	/**
	 * Ratis alone as it is being started: the group, or why it is not measured.
	 */
	private static final class Baseline {

		private RatisBaseline ratis;

		private String description;

		private String reason;

		void close() {
			if (this.ratis != null) {
				this.ratis.close();
				this.ratis = null;
			}
		}

	}

	/**
	 * The etcd side as it is being acquired: what was done, and what to stop.
	 */
	private static final class Etcd {

		private final List<String> steps = new ArrayList<>();

		private Side side;

		private EtcdCluster cluster;

		private String origin;

		private String version;

		private String flags;

		private String gateway;

		private String reason;

		void notMeasured(String why) {
			this.reason = why;
			this.side = null;
		}

		void stop(KvCommand command) {
			if (this.cluster != null) {
				command.say("etcd: " + this.cluster.stop());
				this.cluster = null;
			}
		}

	}

}
