package org.dsplatform.bench.nginx;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.dsplatform.bench.host.ChildProcesses;
import org.dsplatform.bench.host.Directories;

/**
 * A throw-away nginx reverse proxy on loopback in front of a set of HTTP instances, round
 * robin, run as a child process of this one with a generated configuration, until
 * {@link #stop()}.
 * <p>
 * The proxy is configured as one would for production traffic: a worker process per core,
 * keep-alive connections to the instances reused across requests (HTTP/1.1 upstream, the
 * client's {@code Connection} header not passed on), client connections kept open for the
 * whole run, no access log. Its configuration, pid file, temporary files and error log
 * live in a temporary directory of their own; nothing of the system's nginx (its
 * configuration, service or logs) is used or touched.
 * <p>
 * {@link #start} returns once the proxy accepts connections, or fails after stopping what
 * it started. Stopping sends the master process SIGTERM (nginx's fast shutdown), kills it
 * and its workers if they are still running after ten seconds, and deletes the directory.
 * A JVM shutdown hook stops the proxy if the JVM exits first (not if it is killed).
 */
public final class NginxProxy implements AutoCloseable {

	static final String CONFIG_FILE = "nginx.conf";

	static final String ERROR_LOG = "error.log";

	/** What nginx writes to its standard streams, before its error log is open. */
	static final String OUTPUT_FILE = "nginx.out";

	private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

	private static final Duration POLL_INTERVAL = Duration.ofMillis(50);

	private static final int LOG_TAIL_LINES = 15;

	private final Path directory;

	private final URI url;

	private final String config;

	private final Thread shutdownHook;

	private Process process;

	private String stopped;

	private NginxProxy(Path directory, URI url, String config) {
		this.directory = directory;
		this.url = url;
		this.config = config;
		this.shutdownHook = new Thread(this::stop, "nginx-proxy-stop");
		Runtime.getRuntime().addShutdownHook(this.shutdownHook);
	}

	/**
	 * Starts a proxy on a free loopback port and waits until it accepts connections.
	 * @param binary the nginx binary
	 * @param upstreams the instances' base URLs ({@code http}, host and port; a path is
	 * ignored), used round robin
	 * @param settings how many workers and connections
	 * @return the running proxy
	 * @throws IOException if nginx cannot be started, exits, or does not listen in time;
	 * the message ends with the end of its error log
	 * @throws InterruptedException if interrupted while waiting; the proxy is stopped
	 */
	public static NginxProxy start(Path binary, List<URI> upstreams, Settings settings)
			throws IOException, InterruptedException {
		NginxVersion version = NginxVersion.parse(NginxBinary.version(binary)).orElse(NginxVersion.ASSUMED);
		Path directory = Files.createTempDirectory("nginx-",
				// Readable by the worker processes, which give up root when nginx starts
				// as root.
				PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
		int port = freeLoopbackPort();
		String config = config(directory, port, upstreams, settings, version);
		Files.writeString(directory.resolve(CONFIG_FILE), config, StandardCharsets.UTF_8);
		NginxProxy proxy = new NginxProxy(directory, URI.create("http://127.0.0.1:" + port), config);
		try {
			proxy.process = new ProcessBuilder(command(binary, directory, version)).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(directory.resolve(OUTPUT_FILE).toFile()))
				.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
				.start();
			ChildProcesses.awaitListening(proxy.process, "nginx", port, settings.startTimeout(), POLL_INTERVAL,
					proxy::logTails);
			return proxy;
		}
		catch (IOException | InterruptedException | RuntimeException ex) {
			proxy.stop();
			throw ex;
		}
	}

	/**
	 * The configuration of a proxy, in nginx's syntax.
	 * @param directory where the proxy keeps its pid file, temporary files and error log
	 * @param port the loopback port it listens on
	 * @param upstreams the instances, round robin
	 * @param settings how many workers and connections
	 * @param version the nginx it is for, which decides a few optional directives
	 * @return the whole configuration file
	 */
	static String config(Path directory, int port, List<URI> upstreams, Settings settings, NginxVersion version) {
		if (upstreams.isEmpty()) {
			throw new IllegalArgumentException("at least one upstream instance is needed");
		}
		String dir = directory.toAbsolutePath().toString();
		StringBuilder out = new StringBuilder();
		out.append("# A reverse proxy in front of the instances a benchmark measures direct, round robin.\n");
		out.append("daemon off;\n");
		out.append("worker_processes ").append(settings.workerProcesses()).append(";\n");
		out.append("pid ").append(dir).append("/nginx.pid;\n");
		out.append("error_log ").append(dir).append('/').append(ERROR_LOG).append(" warn;\n");
		out.append('\n');
		out.append("events {\n");
		out.append("    worker_connections ").append(settings.workerConnections()).append(";\n");
		out.append("}\n");
		out.append('\n');
		out.append("http {\n");
		out.append("    access_log off;\n");
		for (String temp : List.of("client_body", "proxy", "fastcgi", "uwsgi", "scgi")) {
			out.append("    ")
				.append(temp)
				.append("_temp_path ")
				.append(dir)
				.append('/')
				.append(temp)
				.append("_temp;\n");
		}
		out.append("    # Client connections stay open for the whole run.\n");
		out.append("    keepalive_timeout 75s;\n");
		out.append("    keepalive_requests 1000000;\n");
		out.append('\n');
		out.append("    upstream instances {\n");
		for (URI upstream : upstreams) {
			out.append("        server ").append(hostAndPort(upstream)).append(";\n");
		}
		out.append("        # Idle connections to the instances each worker keeps for reuse.\n");
		out.append("        keepalive ").append(settings.upstreamKeepalive()).append(";\n");
		if (version.limitsUpstreamKeepalive()) {
			out.append("        keepalive_requests 1000000;\n");
			out.append("        keepalive_timeout 60s;\n");
		}
		out.append("    }\n");
		out.append('\n');
		out.append("    server {\n");
		// reuseport: the kernel spreads new connections evenly over the workers.
		out.append("        listen 127.0.0.1:").append(port).append(" reuseport;\n");
		out.append("        location / {\n");
		out.append("            proxy_pass http://instances;\n");
		out.append("            # Keep-alive to the instances needs HTTP/1.1 and no \"Connection: close\".\n");
		out.append("            proxy_http_version 1.1;\n");
		out.append("            proxy_set_header Connection \"\";\n");
		out.append("        }\n");
		out.append("    }\n");
		out.append("}\n");
		return out.toString();
	}

	/**
	 * The command line that runs a proxy in the foreground with the configuration in its
	 * directory.
	 */
	static List<String> command(Path binary, Path directory, NginxVersion version) {
		String dir = directory.toAbsolutePath().toString();
		List<String> command = new ArrayList<>(
				List.of(binary.toString(), "-p", dir + "/", "-c", dir + "/" + CONFIG_FILE));
		if (version.takesErrorLogOption()) {
			// Otherwise what nginx logs before reading the configuration goes to the
			// system's log file.
			command.addAll(List.of("-e", dir + "/" + ERROR_LOG));
		}
		return command;
	}

	/**
	 * Where clients reach the proxy.
	 * @return such as {@code http://127.0.0.1:41234}
	 */
	public URI url() {
		return this.url;
	}

	/**
	 * The proxy's configuration file.
	 * @return its whole text
	 */
	public String config() {
		return this.config;
	}

	/**
	 * The directory with the proxy's configuration, pid file, temporary files and error
	 * log, until it is stopped.
	 * @return the directory
	 */
	public Path directory() {
		return this.directory;
	}

	/**
	 * Stops the proxy and deletes its directory. Does nothing the second time.
	 * @return what it did, as one sentence, with the end of nginx's error log if it
	 * logged anything (at level {@code warn} or above)
	 */
	public synchronized String stop() {
		if (this.stopped != null) {
			return this.stopped;
		}
		// Stopping the master kills its workers too if they outlive it.
		boolean killed = this.process != null && !ChildProcesses.stop(List.of(this.process), STOP_TIMEOUT).isEmpty();
		List<String> errorLog = ChildProcesses.logLines(this.directory.resolve(ERROR_LOG));
		String deleted;
		try {
			Directories.deleteRecursively(this.directory);
			deleted = "deleted " + this.directory;
		}
		catch (IOException | UncheckedIOException ex) {
			deleted = "could not delete " + this.directory;
		}
		try {
			Runtime.getRuntime().removeShutdownHook(this.shutdownHook);
		}
		catch (IllegalStateException ex) {
			// already shutting down: this is the hook
		}
		this.stopped = "stopped nginx"
				+ (killed ? " (killed after " + STOP_TIMEOUT.toSeconds() + " s without stopping on SIGTERM)" : "")
				+ ", " + deleted + (errorLog.isEmpty() ? "; nothing in its error log" : "; its error log had "
						+ errorLog.size() + " line(s), the last: " + errorLog.get(errorLog.size() - 1));
		return this.stopped;
	}

	@Override
	public void close() {
		stop();
	}

	private String logTails() {
		StringBuilder tails = new StringBuilder("the end of its error log and output:");
		for (String file : List.of(ERROR_LOG, OUTPUT_FILE)) {
			List<String> lines = ChildProcesses.logLines(this.directory.resolve(file));
			lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size())
				.forEach((line) -> tails.append(System.lineSeparator()).append(line));
		}
		return tails.toString();
	}

	private static String hostAndPort(URI upstream) {
		if (!"http".equalsIgnoreCase(upstream.getScheme()) || upstream.getHost() == null) {
			throw new IllegalArgumentException("upstream must be an http URL with a host: " + upstream);
		}
		return upstream.getHost() + ":" + ((upstream.getPort() != -1) ? upstream.getPort() : 80);
	}

	private static int freeLoopbackPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	/**
	 * How to run the proxy.
	 *
	 * @param workerProcesses {@code worker_processes}: the processes that handle
	 * connections
	 * @param workerConnections {@code worker_connections}: the most connections (clients
	 * and instances together) one worker keeps open
	 * @param upstreamKeepalive {@code keepalive} in the {@code upstream} block: the idle
	 * connections to the instances each worker keeps for reuse
	 * @param startTimeout how long nginx gets to listen
	 */
	public record Settings(int workerProcesses, int workerConnections, int upstreamKeepalive, Duration startTimeout) {

		public Settings {
			if (workerProcesses < 1 || workerConnections < 1 || upstreamKeepalive < 1) {
				throw new IllegalArgumentException("workers, connections and keepalive must be at least 1");
			}
		}

		/**
		 * Settings for a load of {@code concurrency} requests in flight: a worker per
		 * core this JVM may use; room for a client and an instance connection per request
		 * four times over; and as many idle instance connections per worker as there can
		 * be requests in flight, so that no connection is closed for want of room in the
		 * cache; ten seconds to start.
		 * @param concurrency the most requests in flight
		 * @return the settings
		 */
		public static Settings forConcurrency(int concurrency) {
			return new Settings(Runtime.getRuntime().availableProcessors(), Math.max(1024, 4 * concurrency),
					concurrency, Duration.ofSeconds(10));
		}

	}

}
