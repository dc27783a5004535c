package org.dsplatform.launcher;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.dsplatform.launcher.ProcessSpec.Kind;
import org.dsplatform.launcher.ProcessStatus.State;

/**
 * A whole platform on this machine: Redis, one Kafka broker and every service node, each
 * its own process, with logs under {@code <run>/logs} and data under {@code <run>/data}.
 * <p>
 * Started processes outlive the launcher (they run in their own session, so a Ctrl-C in
 * the terminal reaches only the launcher); they are found again through pid files, so
 * {@code status}, {@code stop} and {@code down} work from a later invocation. A start
 * that fails stops everything it started and says why in one line. Instances are not
 * thread-safe: drive one from one thread.
 */
public final class LocalPlatform {

	private static final Duration STOP_GRACE = Duration.ofSeconds(20);

	private static final Duration POLL = Duration.ofMillis(200);

	private final Path runDir;

	private PlatformPlan plan;

	private final Object launching = new Object();

	private boolean aborted;

	private LocalPlatform(Path root, Path runDir, Topology topology, List<String> extraJvmOptions) {
		this.runDir = runDir.toAbsolutePath();
		HttpClient http = HttpClient.newBuilder().connectTimeout(Readiness.TIMEOUT).build();
		this.plan = new PlatformPlan(root.toAbsolutePath(), this.runDir, topology, http, extraJvmOptions);
	}

	/**
	 * Extra JVM options for a platform that should start quickly rather than run fast, as
	 * in tests: the quick (C1) JIT only, which starts the whole platform in about two
	 * thirds of the time, at about half the steady throughput.
	 */
	public static final List<String> QUICK_START_JVM_OPTIONS = List.of("-XX:TieredStopAtLevel=1");

	/**
	 * A platform of the project at {@code root} that keeps its state in {@code runDir}.
	 * @param extraJvmOptions appended to every JVM's options (for example a larger heap)
	 */
	public static LocalPlatform create(Path root, Path runDir, Topology topology, List<String> extraJvmOptions) {
		return new LocalPlatform(root, runDir, topology, extraJvmOptions);
	}

	/**
	 * The platform last started with {@code runDir}, or one with the default topology if
	 * none was.
	 */
	public static LocalPlatform open(Path root, Path runDir, List<String> extraJvmOptions) {
		Path saved = runDir.resolve("platform.properties");
		Topology topology = Files.exists(saved) ? Topology.load(saved) : Topology.defaults();
		return new LocalPlatform(root, runDir, topology, extraJvmOptions);
	}

	public Topology topology() {
		return this.plan.topology();
	}

	public Path logFile(String name) {
		return this.plan.process(name).logFile(this.runDir);
	}

	/**
	 * Starts every process and waits until all are ready.
	 * @throws LaunchException if a port is taken, a process dies while starting or is not
	 * ready in time; every process started by this call has been stopped by then
	 */
	public void start(StartupListener listener, Duration timeout) {
		List<ProcessSpec> specs = this.plan.processes();
		checkNothingRunning(specs);
		checkPortsFree(specs);
		prepareDirectories();
		this.plan.topology().store(this.runDir.resolve("platform.properties"));
		Map<ProcessSpec, Process> started = new LinkedHashMap<>();
		long begin = System.nanoTime();
		try {
			ProcessSpec redis = specs.get(0);
			started.put(redis, launch(redis, listener));
			formatKafkaStorage();
			ProcessSpec kafka = specs.get(1);
			started.put(kafka, launch(kafka, listener));
			// Lock nodes connect to Redis as they start; everything else copes with a
			// broker still starting.
			awaitReady(Map.of(redis, started.get(redis)), listener, begin, timeout);
			for (ProcessSpec spec : specs.subList(2, specs.size())) {
				started.put(spec, launch(spec, listener));
			}
			Map<ProcessSpec, Process> pending = new LinkedHashMap<>(started);
			pending.remove(redis);
			awaitReady(pending, listener, begin, timeout);
		}
		catch (RuntimeException ex) {
			stopAll(new ArrayList<>(started.keySet()));
			throw ex;
		}
	}

	/**
	 * Stops every process of the platform that is running, services first; a process that
	 * does not stop within its grace period is killed.
	 */
	public void stop() {
		stopAll(this.plan.processes());
	}

	/**
	 * Stops one process gracefully (SIGTERM, then SIGKILL after the grace period).
	 */
	public void stop(String name) {
		ProcessSpec spec = this.plan.process(name);
		stopAll(List.of(spec));
	}

	/**
	 * Kills one process at once (SIGKILL), as a crash would.
	 */
	public void kill(String name) {
		ProcessSpec spec = this.plan.process(name);
		PidFile pidFile = new PidFile(this.runDir, name);
		ProcessHandle process = pidFile.process().orElseThrow(() -> new LaunchException(name + " is not running"));
		process.destroyForcibly();
		process.onExit().join();
		pidFile.delete();
	}

	/**
	 * Pauses one process (SIGSTOP), as a long garbage collection or a frozen machine
	 * would: its connections stay open and it answers nothing until it is resumed.
	 */
	public void pause(String name) {
		signal(name, "STOP");
	}

	/**
	 * Resumes a paused process (SIGCONT).
	 */
	public void resume(String name) {
		signal(name, "CONT");
	}

	private void signal(String name, String signal) {
		this.plan.process(name);
		ProcessHandle process = new PidFile(this.runDir, name).process()
			.orElseThrow(() -> new LaunchException(name + " is not running"));
		try {
			Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid()))
				.redirectErrorStream(true)
				.start();
			String output = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
			if (kill.waitFor() != 0) {
				throw new LaunchException("kill -" + signal + " " + name + " failed: " + output);
			}
		}
		catch (IOException ex) {
			throw new LaunchException("Cannot signal " + name + ": " + ex.getMessage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new LaunchException("Interrupted while signalling " + name);
		}
	}

	/**
	 * Starts one stopped process again with the platform's topology and waits until it is
	 * ready.
	 */
	public void start(String name, StartupListener listener, Duration timeout) {
		ProcessSpec spec = this.plan.process(name);
		checkNothingRunning(List.of(spec));
		checkPortsFree(List.of(spec));
		long begin = System.nanoTime();
		Process process = launch(spec, listener);
		try {
			awaitReady(Map.of(spec, process), listener, begin, timeout);
		}
		catch (RuntimeException ex) {
			stopAll(List.of(spec));
			throw ex;
		}
	}

	/**
	 * Adds a cache node to the running platform: starts {@code cache-N} on the next port
	 * and waits until it is ready. It joins the ring by registering in the KV; the other
	 * nodes hand it the keys it now owns, and the gateway sends it those keys. The
	 * platform keeps it (status, stop, down) until the next {@code up}.
	 * @return the new node's name
	 */
	public String addCacheNode(StartupListener listener, Duration timeout) {
		if (!isRunning()) {
			throw new LaunchException("The platform is not running; start it first (./platform up)");
		}
		PlatformPlan grown = this.plan.withTopology(this.plan.topology().withAnotherCacheNode());
		String name = "cache-" + grown.topology().cachePorts().size();
		ProcessSpec spec = grown.process(name);
		checkNothingRunning(List.of(spec));
		checkPortsFree(List.of(spec));
		PlatformPlan before = this.plan;
		this.plan = grown;
		this.plan.topology().store(this.runDir.resolve("platform.properties"));
		try {
			start(name, listener, timeout);
		}
		catch (RuntimeException ex) {
			this.plan = before;
			before.topology().store(this.runDir.resolve("platform.properties"));
			throw ex;
		}
		return name;
	}

	/**
	 * The state of every process, in start order.
	 */
	public List<ProcessStatus> status() {
		List<ProcessSpec> specs = this.plan.processes();
		List<CompletableFuture<ProcessStatus>> statuses = new ArrayList<>();
		for (ProcessSpec spec : specs) {
			statuses.add(CompletableFuture.supplyAsync(() -> status(spec)));
		}
		return statuses.stream().map(CompletableFuture::join).toList();
	}

	/**
	 * Whether any process of the platform is running.
	 */
	public boolean isRunning() {
		return this.plan.processes()
			.stream()
			.anyMatch((spec) -> new PidFile(this.runDir, spec.name()).process().isPresent());
	}

	private ProcessStatus status(ProcessSpec spec) {
		Optional<ProcessHandle> process = new PidFile(this.runDir, spec.name()).process();
		if (process.isEmpty()) {
			return new ProcessStatus(spec.name(), -1, spec.url(), State.STOPPED);
		}
		State state = spec.probe().isReady() ? State.READY : State.NOT_READY;
		return new ProcessStatus(spec.name(), process.get().pid(), spec.url(), state);
	}

	private void checkNothingRunning(List<ProcessSpec> specs) {
		for (ProcessSpec spec : specs) {
			Optional<ProcessHandle> running = new PidFile(this.runDir, spec.name()).process();
			if (running.isPresent()) {
				throw new LaunchException(spec.name() + " is already running (pid " + running.get().pid()
						+ "); see ./platform status, or stop it first");
			}
		}
	}

	private static void checkPortsFree(List<ProcessSpec> specs) {
		for (ProcessSpec spec : specs) {
			for (int port : spec.ports()) {
				if (!Topology.isFree(port)) {
					throw new LaunchException("Port " + port + " (" + spec.name()
							+ ") is already in use by another process; free it or stop what holds it (another platform: ./platform down)");
				}
			}
		}
	}

	private void prepareDirectories() {
		try {
			Files.createDirectories(this.runDir.resolve("logs"));
			Files.createDirectories(this.runDir.resolve("pids"));
			Files.createDirectories(this.runDir.resolve("data"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String lastLines(Path file, int count) {
		try {
			List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
			return String.join("\n", lines.subList(Math.max(0, lines.size() - count), lines.size()));
		}
		catch (IOException | UncheckedIOException ex) {
			return "(unreadable: " + ex.getMessage() + ")";
		}
	}

	private void formatKafkaStorage() {
		KafkaBroker kafka = this.plan.kafka();
		kafka.writeConfiguration();
		if (kafka.isFormatted()) {
			return;
		}
		Path log = this.runDir.resolve("logs").resolve("kafka.log");
		try {
			Process format = new ProcessBuilder(kafka.formatCommand(this.plan.java(PlatformPlan.KAFKA_JVM_OPTIONS)))
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
				.start();
			if (!format.waitFor(60, TimeUnit.SECONDS)) {
				format.destroyForcibly();
				throw new LaunchException("Formatting the Kafka storage took over 60 s; see " + log);
			}
			if (format.exitValue() != 0) {
				throw new LaunchException("Formatting the Kafka storage failed (exit " + format.exitValue() + "); see "
						+ log + "; it ends with:\n" + lastLines(log, 15));
			}
		}
		catch (IOException ex) {
			throw new LaunchException("Could not run the Kafka storage tool: " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new LaunchException("Interrupted while formatting the Kafka storage", ex);
		}
	}

	/**
	 * Makes a start under way in another thread fail before it launches anything more;
	 * call {@link #stop()} after it to stop what was launched. For a shutdown hook
	 * (Ctrl-C while starting).
	 */
	public void abort() {
		synchronized (this.launching) {
			this.aborted = true;
		}
	}

	private Process launch(ProcessSpec spec, StartupListener listener) {
		synchronized (this.launching) {
			if (this.aborted) {
				throw new LaunchException("Start aborted");
			}
			return launchNow(spec, listener);
		}
	}

	private Process launchNow(ProcessSpec spec, StartupListener listener) {
		List<String> command = new ArrayList<>();
		// Its own session: a Ctrl-C in the launcher's terminal must not reach the process
		// directly.
		if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
			command.add("/usr/bin/setsid");
		}
		command.addAll(spec.command().get());
		Path log = spec.logFile(this.runDir);
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
				.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
				.start();
			new PidFile(this.runDir, spec.name()).write(process.toHandle());
			listener.started(spec.name(), process.pid());
			return process;
		}
		catch (IOException ex) {
			throw new LaunchException("Could not start " + spec.name() + ": " + ex.getMessage(), ex);
		}
	}

	private void awaitReady(Map<ProcessSpec, Process> processes, StartupListener listener, long begin,
			Duration timeout) {
		Map<ProcessSpec, Process> pending = new LinkedHashMap<>(processes);
		long deadline = begin + timeout.toNanos();
		long lastReport = System.nanoTime();
		ExecutorService probes = Executors.newFixedThreadPool(4, (runnable) -> {
			Thread thread = new Thread(runnable, "readiness-probe");
			thread.setDaemon(true);
			return thread;
		});
		try {
			while (!pending.isEmpty()) {
				Map<ProcessSpec, CompletableFuture<Boolean>> checks = new LinkedHashMap<>();
				for (ProcessSpec spec : pending.keySet()) {
					checks.put(spec, CompletableFuture.supplyAsync(spec.probe()::isReady, probes));
				}
				for (Map.Entry<ProcessSpec, CompletableFuture<Boolean>> check : checks.entrySet()) {
					ProcessSpec spec = check.getKey();
					Process process = pending.get(spec);
					if (check.getValue().join()) {
						pending.remove(spec);
						listener.ready(spec.name(), Duration.ofNanos(System.nanoTime() - begin));
					}
					else if (!process.isAlive()) {
						throw new LaunchException(spec.name() + " exited with code " + process.exitValue()
								+ " while starting; see " + spec.logFile(this.runDir));
					}
				}
				long now = System.nanoTime();
				if (!pending.isEmpty() && now > deadline) {
					ProcessSpec first = pending.keySet().iterator().next();
					throw new LaunchException("Not ready after " + timeout.toSeconds() + " s: "
							+ pending.keySet().stream().map(ProcessSpec::name).toList() + "; see "
							+ first.logFile(this.runDir));
				}
				if (!pending.isEmpty() && now - lastReport > Duration.ofSeconds(5).toNanos()) {
					lastReport = now;
					listener.waiting(pending.keySet().stream().map(ProcessSpec::name).toList(),
							Duration.ofNanos(now - begin));
				}
				sleep(POLL);
			}
		}
		finally {
			probes.shutdownNow();
		}
	}

	private void stopAll(List<ProcessSpec> specs) {
		// Services first, while the broker and Redis they use are still there.
		List<ProcessSpec> services = specs.stream().filter((spec) -> spec.kind() == Kind.SERVICE).toList();
		List<ProcessSpec> infrastructure = specs.stream().filter((spec) -> spec.kind() != Kind.SERVICE).toList();
		terminate(services);
		terminate(infrastructure);
	}

	private void terminate(List<ProcessSpec> specs) {
		Map<PidFile, ProcessHandle> running = new LinkedHashMap<>();
		for (ProcessSpec spec : specs) {
			PidFile pidFile = new PidFile(this.runDir, spec.name());
			pidFile.process().ifPresentOrElse((process) -> running.put(pidFile, process), pidFile::delete);
		}
		running.values().forEach(ProcessHandle::destroy);
		long deadline = System.nanoTime() + STOP_GRACE.toNanos();
		for (Map.Entry<PidFile, ProcessHandle> entry : running.entrySet()) {
			ProcessHandle process = entry.getValue();
			long left = Math.max(0, deadline - System.nanoTime());
			try {
				process.onExit().get(left, TimeUnit.NANOSECONDS);
			}
			catch (Exception ex) {
				process.destroyForcibly();
				process.onExit().join();
			}
			entry.getKey().delete();
		}
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new LaunchException("Interrupted while waiting for the platform", ex);
		}
	}

}
