package org.dsplatform.bench.etcd;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.dsplatform.bench.host.ChildProcesses;
import org.dsplatform.bench.host.Directories;

/**
 * A throw-away etcd cluster on loopback: its members run as child processes on free
 * ports, with their data and logs under one directory, until {@link #stop()}.
 * <p>
 * {@link #start} returns once every member reports itself healthy (which in etcd means
 * the cluster has a leader and serves a quorum read), or fails after stopping what it
 * started. Stopping sends every member SIGTERM, kills those still running after ten
 * seconds, and deletes their data; the logs stay for a post-mortem. A JVM shutdown hook
 * stops the cluster if the JVM exits first (not if it is killed).
 */
public final class EtcdCluster implements AutoCloseable {

	private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

	private static final Duration POLL_INTERVAL = Duration.ofMillis(200);

	private static final int LOG_TAIL_LINES = 15;

	private final Path directory;

	private final List<Member> members;

	private final List<Process> processes = new ArrayList<>();

	private final Thread shutdownHook;

	private String stopped;

	private EtcdCluster(Path directory, List<Member> members) {
		this.directory = directory;
		this.members = List.copyOf(members);
		this.shutdownHook = new Thread(this::stop, "etcd-cluster-stop");
		Runtime.getRuntime().addShutdownHook(this.shutdownHook);
	}

	/**
	 * Starts a cluster and waits until every member is healthy.
	 * @param binary the etcd binary
	 * @param directory where the members keep their data ({@code m1.etcd}, ...) and logs
	 * ({@code m1.log}, ...), created if needed
	 * @param settings the cluster's size and flags
	 * @return the running cluster
	 * @throws IOException if a member cannot be started, exits, or the cluster is not
	 * healthy in time; the message ends with the end of the member's log
	 * @throws InterruptedException if interrupted while waiting; the cluster is stopped
	 */
	public static EtcdCluster start(Path binary, Path directory, Settings settings)
			throws IOException, InterruptedException {
		Files.createDirectories(directory);
		EtcdCluster cluster = new EtcdCluster(directory, Member.onFreePorts(settings.members()));
		try {
			String token = "bench-" + directory.getFileName();
			for (Member member : cluster.members) {
				ProcessBuilder builder = new ProcessBuilder(
						command(binary, member, cluster.members, token, cluster.dataDirectory(member), settings))
					.redirectErrorStream(true)
					.redirectOutput(ProcessBuilder.Redirect.appendTo(cluster.log(member).toFile()))
					.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
				// ETCD_* variables set for some other etcd would be read as flags.
				builder.environment().keySet().removeIf((name) -> name.startsWith("ETCD_"));
				cluster.processes.add(builder.start());
			}
			cluster.awaitHealthy(settings.startTimeout());
			return cluster;
		}
		catch (IOException | InterruptedException | RuntimeException ex) {
			cluster.stop();
			throw ex;
		}
	}

	/**
	 * The command line of one member.
	 */
	static List<String> command(Path binary, Member member, List<Member> all, String token, Path dataDirectory,
			Settings settings) {
		String initialCluster = all.stream()
			.map((peer) -> peer.name() + "=" + peer.peerUrl())
			.collect(Collectors.joining(","));
		List<String> command = new ArrayList<>(
				List.of(binary.toString(), "--name", member.name(), "--data-dir", dataDirectory.toString(),
						"--listen-client-urls", member.clientUrl().toString(), "--advertise-client-urls",
						member.clientUrl().toString(), "--listen-peer-urls", member.peerUrl().toString(),
						"--initial-advertise-peer-urls", member.peerUrl().toString(), "--initial-cluster",
						initialCluster, "--initial-cluster-token", token, "--initial-cluster-state", "new"));
		command.addAll(settings.flags());
		return command;
	}

	/**
	 * The members' client URLs, where the JSON gateway answers too.
	 * @return one URL per member, in member order
	 */
	public List<URI> clientUrls() {
		return this.members.stream().map(Member::clientUrl).toList();
	}

	/**
	 * The directory with the members' data and logs.
	 * @return the directory given to {@link #start}
	 */
	public Path directory() {
		return this.directory;
	}

	/**
	 * Stops every member and deletes their data, keeping their logs. Does nothing the
	 * second time.
	 * @return what it did, as one sentence
	 */
	public synchronized String stop() {
		if (this.stopped != null) {
			return this.stopped;
		}
		List<String> killed = ChildProcesses.stop(this.processes, STOP_TIMEOUT)
			.stream()
			.map((i) -> this.members.get(i).name())
			.toList();
		List<String> undeleted = new ArrayList<>();
		for (Member member : this.members) {
			try {
				Directories.deleteRecursively(dataDirectory(member));
			}
			catch (IOException | UncheckedIOException ex) {
				undeleted.add(dataDirectory(member).toString());
			}
		}
		try {
			Runtime.getRuntime().removeShutdownHook(this.shutdownHook);
		}
		catch (IllegalStateException ex) {
			// already shutting down: this is the hook
		}
		this.stopped = "stopped " + this.members.size() + " etcd members"
				+ (killed.isEmpty() ? ""
						: " (killed " + String.join(", ", killed) + " after " + STOP_TIMEOUT.toSeconds()
								+ " s without stopping on SIGTERM)")
				+ (undeleted.isEmpty() ? ", deleted their data" : ", could not delete " + String.join(", ", undeleted))
				+ "; logs kept in " + this.directory;
		return this.stopped;
	}

	@Override
	public void close() {
		stop();
	}

	private void awaitHealthy(Duration timeout) throws IOException, InterruptedException {
		HttpClient client = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(1))
			.build();
		long deadline = System.nanoTime() + timeout.toNanos();
		Map<Member, String> lastAnswer = new LinkedHashMap<>();
		List<Member> waiting = new ArrayList<>(this.members);
		while (!waiting.isEmpty()) {
			for (Member member : List.copyOf(waiting)) {
				Process process = this.processes.get(this.members.indexOf(member));
				if (!process.isAlive()) {
					throw new IOException("etcd member " + member.name() + " exited with code " + process.exitValue()
							+ " while starting; the end of " + log(member) + ":" + System.lineSeparator()
							+ tail(log(member)));
				}
				String answer = health(client, member);
				if (answer == null) {
					waiting.remove(member);
				}
				else {
					lastAnswer.put(member, answer);
				}
			}
			if (waiting.isEmpty()) {
				return;
			}
			if (System.nanoTime() - deadline > 0) {
				Member first = waiting.get(0);
				throw new IOException("etcd members "
						+ waiting.stream().map(Member::name).collect(Collectors.joining(", ")) + " not healthy within "
						+ timeout.toSeconds() + " s (" + first.name() + ": " + lastAnswer.get(first) + "); the end of "
						+ log(first) + ":" + System.lineSeparator() + tail(log(first)));
			}
			Thread.sleep(POLL_INTERVAL.toMillis());
		}
	}

	/**
	 * Asks a member for its health.
	 * @return {@code null} if healthy, otherwise what it answered
	 */
	private static String health(HttpClient client, Member member) throws InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(member.clientUrl().resolve("/health"))
			.timeout(Duration.ofSeconds(2))
			.GET()
			.build();
		try {
			HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
			String body = response.body().replace(" ", "");
			return (response.statusCode() == 200 && body.contains("\"health\":\"true\"")) ? null
					: "HTTP " + response.statusCode() + " " + response.body().strip();
		}
		catch (IOException ex) {
			return ex.getClass().getSimpleName() + ((ex.getMessage() != null) ? ": " + ex.getMessage() : "");
		}
	}

	private Path dataDirectory(Member member) {
		return this.directory.resolve(member.name() + ".etcd");
	}

	private Path log(Member member) {
		return this.directory.resolve(member.name() + ".log");
	}

	private static String tail(Path log) {
		try {
			List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
			return String.join(System.lineSeparator(),
					lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
		}
		catch (IOException ex) {
			return "(no log: " + ex.getMessage() + ")";
		}
	}

	/**
	 * How to run the cluster.
	 *
	 * @param members how many members
	 * @param quotaBackendBytes {@code --quota-backend-bytes}: the size the backend
	 * database may reach before etcd refuses writes
	 * @param compactionRetention {@code --auto-compaction-retention} in revision mode:
	 * how many recent revisions are kept, or 0 to keep all
	 * @param startTimeout how long the members get to become healthy
	 */
	public record Settings(int members, long quotaBackendBytes, long compactionRetention, Duration startTimeout) {

		public Settings {
			if (members < 1) {
				throw new IllegalArgumentException("members must be at least 1: " + members);
			}
		}

		/**
		 * Three members; a 4 GiB quota, room for the hundreds of thousands of 1 KiB
		 * revisions a benchmark writes; the last 100,000 revisions kept, as many as the
		 * platform's kv-service keeps for watches (etcd 3.4 compacts in this mode every
		 * five minutes); a minute to start.
		 * @return the settings
		 */
		public static Settings defaults() {
			return new Settings(3, 4L * 1024 * 1024 * 1024, 100_000, Duration.ofSeconds(60));
		}

		/**
		 * The flags every member gets besides its names and addresses.
		 * @return the flags, ready for a command line
		 */
		public List<String> flags() {
			List<String> flags = new ArrayList<>(
					List.of("--quota-backend-bytes", Long.toString(this.quotaBackendBytes)));
			if (this.compactionRetention > 0) {
				flags.addAll(List.of("--auto-compaction-mode", "revision", "--auto-compaction-retention",
						Long.toString(this.compactionRetention)));
			}
			return flags;
		}

	}

	/**
	 * One member: its name and its loopback ports.
	 */
	record Member(String name, int clientPort, int peerPort) {

		URI clientUrl() {
			return URI.create("http://127.0.0.1:" + this.clientPort);
		}

		URI peerUrl() {
			return URI.create("http://127.0.0.1:" + this.peerPort);
		}

		/**
		 * Members {@code m1, m2, ...} on ports free now, a client and a peer port each,
		 * all distinct: every socket is held until all are chosen.
		 */
		static List<Member> onFreePorts(int count) {
			List<ServerSocket> sockets = new ArrayList<>();
			try {
				for (int i = 0; i < 2 * count; i++) {
					sockets.add(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
				}
				List<Member> members = new ArrayList<>();
				for (int i = 0; i < count; i++) {
					members.add(new Member("m" + (i + 1), sockets.get(2 * i).getLocalPort(),
							sockets.get(2 * i + 1).getLocalPort()));
				}
				return members;
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			finally {
				for (ServerSocket socket : sockets) {
					try {
						socket.close();
					}
					catch (IOException ex) {
						// the port is free either way
					}
				}
			}
		}

	}

}
