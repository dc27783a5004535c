package org.dsplatform.launcher.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.dsplatform.launcher.LaunchException;
import org.dsplatform.launcher.LocalPlatform;
import org.dsplatform.launcher.ProcessStatus;
import org.dsplatform.launcher.StartupListener;
import org.dsplatform.launcher.Topology;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code ./platform}: runs the whole platform on this machine without Docker.
 */
@Command(name = "platform", mixinStandardHelpOptions = true, scope = ScopeType.INHERIT,
		description = "Runs the distributed-systems platform on this machine: Redis, a Kafka broker, 3 kv, 3 cache and 2 lock nodes and the gateway, each its own process.",
		subcommands = { PlatformCommand.Up.class, PlatformCommand.Down.class, PlatformCommand.Status.class,
				PlatformCommand.Stop.class, PlatformCommand.Start.class, PlatformCommand.Kill.class,
				PlatformCommand.Pause.class, PlatformCommand.Resume.class, PlatformCommand.Logs.class,
				PlatformCommand.Add.class, PlatformCommand.Bench.class })
public class PlatformCommand {

	static final Duration START_TIMEOUT = Duration.ofSeconds(180);

	@Option(names = "--root", hidden = true, defaultValue = ".", description = "The project directory.")
	Path root;

	@Option(names = "--run-dir", description = "Where logs, data and pid files live (default: run/ in the project).")
	Path runDir;

	PrintStream out = System.out;

	public static void main(String[] args) {
		CommandLine commandLine = new CommandLine(new PlatformCommand());
		commandLine.setExecutionExceptionHandler((ex, line, parsed) -> {
			if (ex instanceof LaunchException) {
				line.getErr().println("platform: " + ex.getMessage());
				return 1;
			}
			throw ex;
		});
		System.exit(commandLine.execute(args));
	}

	LocalPlatform platform() {
		return LocalPlatform.open(this.root, runDir(), extraJvmOptions());
	}

	Path runDir() {
		return (this.runDir != null) ? this.runDir : this.root.resolve("run");
	}

	static List<String> extraJvmOptions() {
		String options = System.getenv("PLATFORM_JAVA_OPTS");
		return (options == null || options.isBlank()) ? List.of() : List.of(options.trim().split("\\s+"));
	}

	/**
	 * Starts everything, with progress, and stops what it started if interrupted (Ctrl-C)
	 * before all is ready.
	 */
	void up(LocalPlatform platform) {
		this.out.println("Starting the platform; logs in " + relative(runDir().resolve("logs")));
		Thread onInterrupt = new Thread(() -> {
			platform.abort();
			platform.stop();
		}, "stop-on-interrupt");
		Runtime.getRuntime().addShutdownHook(onInterrupt);
		long begin = System.nanoTime();
		platform.start(new ProgressPrinter(this.out), START_TIMEOUT);
		Runtime.getRuntime().removeShutdownHook(onInterrupt);
		this.out.printf("All ready in %.1f s.%n%n", (System.nanoTime() - begin) / 1e9);
		printStatus(platform);
		this.out.println();
		this.out.println("Gateway: " + platform.topology().gatewayUrl() + "   (stop everything: ./platform down)");
	}

	void printStatus(LocalPlatform platform) {
		this.out.printf("%-10s %-8s %-28s %s%n", "NAME", "PID", "URL", "STATE");
		for (ProcessStatus status : platform.status()) {
			this.out.printf("%-10s %-8s %-28s %s%n", status.name(), (status.pid() > 0) ? status.pid() : "-",
					status.url(), status.state().name().toLowerCase().replace('_', ' '));
		}
	}

	private String relative(Path path) {
		Path absolute = path.toAbsolutePath().normalize();
		Path base = this.root.toAbsolutePath().normalize();
		return absolute.startsWith(base) ? base.relativize(absolute).toString() : absolute.toString();
	}

	@Command(name = "up", description = "Builds what is missing, starts every process and waits until all are ready.")
	static class Up implements Callable<Integer> {

		@ParentCommand
		PlatformCommand parent;

		@Override
		public Integer call() {
			LocalPlatform platform = LocalPlatform.create(this.parent.root, this.parent.runDir(), Topology.defaults(),
					extraJvmOptions());
			this.parent.up(platform);
			return 0;
		}

	}

	@Command(name = "down", description = "Stops every process the platform started, and nothing else.")
	static class Down implements Callable<Integer> {

		@ParentCommand
		PlatformCommand parent;

		@Override
		public Integer call() {
			LocalPlatform platform = this.parent.platform();
			if (!platform.isRunning()) {
				this.parent.out.println("Nothing is running.");
				return 0;
			}
			platform.stop();
			this.parent.out.println("Stopped.");
			return 0;
		}

	}

	@Command(name = "status", description = "Shows every process: pid, URL and whether it is ready.")
	static class Status implements Callable<Integer> {

		@ParentCommand
		PlatformCommand parent;

		@Override
		public Integer call() {
			this.parent.printStatus(this.parent.platform());
			return 0;
		}

	}

	/**
	 * A command on one process of the platform, named on the command line.
	 */
	abstract static class OneProcess implements Callable<Integer> {

		@ParentCommand
		PlatformCommand parent;

		@Parameters(paramLabel = "NAME", description = "e.g. kv-1, cache-2, lock-1, gateway, kafka, redis")
		String name;

	}

	@Command(name = "stop", description = "Stops one process gracefully (SIGTERM).")
	static class Stop extends OneProcess {

		@Override
		public Integer call() {
			this.parent.platform().stop(this.name);
			this.parent.out.println("Stopped " + this.name + ".");
			return 0;
		}

	}

	@Command(name = "kill", description = "Kills one process at once (SIGKILL), as a crash would: for fault demos.")
	static class Kill extends OneProcess {

		@Override
		public Integer call() {
			this.parent.platform().kill(this.name);
			this.parent.out.println("Killed " + this.name + ".");
			return 0;
		}

	}

	@Command(name = "pause",
			description = "Pauses one process (SIGSTOP), as a long GC pause or a frozen machine would: it keeps "
					+ "its connections and answers nothing until resumed. For fault demos.")
	static class Pause extends OneProcess {

		@Override
		public Integer call() {
			this.parent.platform().pause(this.name);
			this.parent.out.println("Paused " + this.name + " (./platform resume " + this.name + " to go on).");
			return 0;
		}

	}

	@Command(name = "resume", description = "Resumes a paused process (SIGCONT).")
	static class Resume extends OneProcess {

		@Override
		public Integer call() {
			this.parent.platform().resume(this.name);
			this.parent.out.println("Resumed " + this.name + ".");
			return 0;
		}

	}

	@Command(name = "start", description = "Starts one stopped process again and waits until it is ready.")
	static class Start extends OneProcess {

		@Override
		public Integer call() {
			this.parent.platform().start(this.name, new ProgressPrinter(this.parent.out), START_TIMEOUT);
			return 0;
		}

	}

	@Command(name = "add",
			description = "Adds a node to the running platform and waits until it is ready: a cache node, which joins the ring and takes over its share of the keys.")
	static class Add implements Callable<Integer> {

		@ParentCommand
		PlatformCommand parent;

		@Parameters(paramLabel = "SERVICE", description = "cache (the only service that grows while running)")
		String service;

		@Override
		public Integer call() {
			if (!this.service.equals("cache")) {
				throw new LaunchException("Only cache nodes can be added ('./platform add cache'); the KV changes "
						+ "its members by a Raft membership change (POST /api/kv/cluster/members)");
			}
			String name = this.parent.platform().addCacheNode(new ProgressPrinter(this.parent.out), START_TIMEOUT);
			this.parent.out.println("Added " + name + "; see its share of the keys: curl "
					+ this.parent.platform().topology().gatewayUrl() + "/api/cache/ring");
			return 0;
		}

	}

	@Command(name = "logs", description = "Prints the end of one process's log.")
	static class Logs extends OneProcess {

		@Option(names = { "-n", "--lines" }, defaultValue = "100", description = "How many lines (default 100).")
		int lines;

		@Option(names = { "-f", "--follow" }, description = "Keep printing what is appended.")
		boolean follow;

		@Override
		public Integer call() throws IOException, InterruptedException {
			Path log = this.parent.platform().logFile(this.name);
			if (!Files.exists(log)) {
				throw new LaunchException("No log for " + this.name + " yet (" + log + ")");
			}
			List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
			all.subList(Math.max(0, all.size() - this.lines), all.size()).forEach(this.parent.out::println);
			if (this.follow) {
				follow(log, Files.size(log));
			}
			return 0;
		}

		private void follow(Path log, long from) throws IOException, InterruptedException {
			long position = from;
			byte[] buffer = new byte[8192];
			while (true) {
				try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
					position = Math.min(position, file.length());
					file.seek(position);
					int read;
					while ((read = file.read(buffer)) > 0) {
						this.parent.out.write(buffer, 0, read);
						position += read;
					}
					this.parent.out.flush();
				}
				Thread.sleep(250);
			}
		}

	}

	@Command(name = "bench",
			description = "Runs a benchmark scenario against the running platform (starting it first if it is not running, and stopping it after).")
	static class Bench implements Callable<Integer> {

		@ParentCommand
		PlatformCommand parent;

		@Parameters(index = "0", paramLabel = "SCENARIO", description = "gateway-overhead, kv, locks or cache")
		String scenario;

		@Parameters(index = "1..*", paramLabel = "ARGS", description = "Options of the scenario (see SCENARIO --help).")
		List<String> args = new ArrayList<>();

		@Override
		public Integer call() throws IOException, InterruptedException {
			LocalPlatform platform = this.parent.platform();
			boolean startedHere = false;
			if (!platform.isRunning()) {
				platform = LocalPlatform.create(this.parent.root, this.parent.runDir(), Topology.defaults(),
						extraJvmOptions());
				this.parent.up(platform);
				startedHere = true;
			}
			try {
				return new BenchRunner(this.parent.root, this.parent.runDir(), platform.topology()).run(this.scenario,
						this.args);
			}
			finally {
				if (startedHere) {
					this.parent.out.println("Stopping the platform started for the benchmark.");
					platform.stop();
				}
			}
		}

	}

	/**
	 * Prints each process as it starts and becomes ready, and what is still awaited every
	 * few seconds.
	 */
	static final class ProgressPrinter implements StartupListener {

		private final PrintStream out;

		ProgressPrinter(PrintStream out) {
			this.out = out;
		}

		@Override
		public void started(String name, long pid) {
			this.out.printf("  started %-10s pid %d%n", name, pid);
		}

		@Override
		public void ready(String name, Duration elapsed) {
			this.out.printf("  ready   %-10s %5.1f s%n", name, elapsed.toMillis() / 1000.0);
		}

		@Override
		public void waiting(List<String> pending, Duration elapsed) {
			this.out.printf("  waiting for %s (%d s)%n", String.join(", ", pending), elapsed.toSeconds());
		}

	}

}
