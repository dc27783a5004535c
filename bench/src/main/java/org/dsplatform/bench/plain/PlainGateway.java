package org.dsplatform.bench.plain;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.dsplatform.bench.host.ChildProcesses;

/**
 * A throw-away plain Spring Cloud Gateway on loopback in front of a set of HTTP
 * instances, round robin: {@link PlainGatewayApplication} run as a child JVM of this one,
 * until {@link #stop()}.
 * <p>
 * It is the framework our gateway is built on, in the same version and with the JVM
 * options the platform starts our gateway with, but with one route ({@code /**} to
 * {@code lb://upstream}, the instances listed by Spring Cloud's simple discovery client
 * and chosen by Spring Cloud LoadBalancer's default round robin) and nothing else: no
 * actuator, no tracing, no filters of ours. The difference between the two is what our
 * gateway's own features cost.
 * <p>
 * It runs on this JVM's classpath, so the bench brings the gateway's dependencies along,
 * and is configured by command-line arguments only, so that no configuration file on that
 * classpath applies to anything else. Its standard output and error go to a log file that
 * stays after it stops.
 * <p>
 * {@link #start} returns once the gateway accepts connections, or fails after stopping
 * what it started. Stopping sends the JVM SIGTERM and kills it if it is still running
 * after ten seconds. A JVM shutdown hook stops the gateway if this JVM exits first (not
 * if it is killed).
 */
public final class PlainGateway implements AutoCloseable {

	/**
	 * The JVM options {@code ./platform} starts our gateway with (and every service), so
	 * that the two gateways get the same heap, collector and thread stacks.
	 */
	static final List<String> JVM_OPTIONS = List.of("-Xms64m", "-Xmx256m", "-XX:+UseSerialGC", "-Xss512k");

	/** The service the route balances over, as the simple discovery client lists it. */
	static final String SERVICE = "upstream";

	/** Spring Boot and the gateway take several seconds to start on two busy cores. */
	private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

	private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

	private static final Duration POLL_INTERVAL = Duration.ofMillis(100);

	private static final int LOG_TAIL_LINES = 15;

	private final URI url;

	private final List<URI> upstreams;

	private final Path logFile;

	private final Thread shutdownHook;

	private Process process;

	private String stopped;

	private PlainGateway(URI url, List<URI> upstreams, Path logFile) {
		this.url = url;
		this.upstreams = List.copyOf(upstreams);
		this.logFile = logFile;
		this.shutdownHook = new Thread(this::stop, "plain-gateway-stop");
		Runtime.getRuntime().addShutdownHook(this.shutdownHook);
	}

	/**
	 * Starts a gateway on a free loopback port, on this JVM's classpath, and waits until
	 * it accepts connections. Whether it forwards is for the caller to try.
	 * @param upstreams the instances' base URLs ({@code http}, host and port; a path is
	 * ignored), used round robin
	 * @param logFile where its standard output and error go (appended; its directory is
	 * created if missing)
	 * @return the running gateway
	 * @throws IOException if the JVM cannot be started, exits, or does not listen within
	 * 60 seconds; the message ends with the end of its log
	 * @throws InterruptedException if interrupted while waiting; the gateway is stopped
	 */
	public static PlainGateway start(List<URI> upstreams, Path logFile) throws IOException, InterruptedException {
		return start(upstreams, logFile, System.getProperty("java.class.path"), START_TIMEOUT);
	}

	/**
	 * Starts a gateway on the given classpath.
	 * @param upstreams the instances, round robin
	 * @param logFile where its output goes
	 * @param classPath the child JVM's classpath
	 * @param timeout how long it gets to listen
	 * @return the running gateway
	 * @throws IOException if it does not start in time
	 * @throws InterruptedException if interrupted while waiting; the gateway is stopped
	 */
	static PlainGateway start(List<URI> upstreams, Path logFile, String classPath, Duration timeout)
			throws IOException, InterruptedException {
		int port = freeLoopbackPort();
		List<String> command = command(classPath, port, upstreams);
		Path log = logFile.toAbsolutePath();
		Files.createDirectories(log.getParent());
		PlainGateway gateway = new PlainGateway(URI.create("http://127.0.0.1:" + port), upstreams, log);
		try {
			gateway.process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
				.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
				.start();
			ChildProcesses.awaitListening(gateway.process, "the plain gateway's JVM", port, timeout, POLL_INTERVAL,
					gateway::logTail);
			return gateway;
		}
		catch (IOException | InterruptedException | RuntimeException ex) {
			gateway.stop();
			throw ex;
		}
	}

	/**
	 * The command line of the child JVM.
	 * @param classPath its classpath
	 * @param port the loopback port it listens on
	 * @param upstreams the instances
	 * @return {@code java}, the JVM options, the classpath, the main class and its
	 * arguments
	 */
	static List<String> command(String classPath, int port, List<URI> upstreams) {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(JVM_OPTIONS);
		command.add("-cp");
		command.add(classPath);
		command.add(PlainGatewayApplication.class.getName());
		command.addAll(arguments(port, upstreams));
		return command;
	}

	/**
	 * The whole configuration of the gateway, as Spring Boot command-line arguments: the
	 * port on loopback, quiet logging, the instances for the simple discovery client, and
	 * one route to them. Everything else is the framework's default.
	 * @param port the loopback port
	 * @param upstreams the instances
	 * @return the arguments
	 */
	static List<String> arguments(int port, List<URI> upstreams) {
		if (upstreams.isEmpty()) {
			throw new IllegalArgumentException("at least one upstream instance is needed");
		}
		List<String> arguments = new ArrayList<>(List.of("--server.address=127.0.0.1", "--server.port=" + port,
				"--spring.main.banner-mode=off", "--logging.level.root=WARN"));
		for (int i = 0; i < upstreams.size(); i++) {
			arguments.add("--spring.cloud.discovery.client.simple.instances." + SERVICE + "[" + i + "].uri="
					+ baseUrl(upstreams.get(i)));
		}
		String route = "--spring.cloud.gateway.server.webflux.routes[0].";
		arguments.add(route + "id=" + SERVICE);
		arguments.add(route + "uri=lb://" + SERVICE);
		arguments.add(route + "predicates[0]=Path=/**");
		return arguments;
	}

	/**
	 * Where clients reach the gateway.
	 * @return such as {@code http://127.0.0.1:41234}
	 */
	public URI url() {
		return this.url;
	}

	/**
	 * The gateway for a report: the framework's versions, the JVM options, where it
	 * listens, its route and its log.
	 * @return one line
	 */
	public String describe() {
		return "Spring Cloud Gateway " + frameworkVersions() + " at " + this.url + ", a child JVM (Java "
				+ System.getProperty("java.version") + ", " + String.join(" ", JVM_OPTIONS) + ") with one route, /** "
				+ "to lb://" + SERVICE + ": " + this.upstreams + " from the simple discovery client, round robin; "
				+ "log in " + this.logFile;
	}

	/**
	 * The versions of Spring Cloud Gateway, Spring Cloud LoadBalancer and Spring Boot on
	 * this JVM's classpath, which the gateway runs on.
	 * @return such as {@code 5.0.3 (Spring Cloud LoadBalancer 5.0.2, Spring Boot 4.1.2)}
	 */
	public static String frameworkVersions() {
		return version("org.springframework.cloud.gateway.config.GatewayAutoConfiguration") + " (Spring Cloud "
				+ "LoadBalancer " + version("org.springframework.cloud.loadbalancer.core.RoundRobinLoadBalancer")
				+ ", Spring Boot " + version("org.springframework.boot.SpringApplication") + ")";
	}

	/**
	 * The version in the manifest of the jar a class comes from.
	 * @param className the class, which is not initialized
	 * @return the version, {@code (version unknown)} without one, or {@code (missing)}
	 * without the class
	 */
	static String version(String className) {
		try {
			String version = Class.forName(className, false, PlainGateway.class.getClassLoader())
				.getPackage()
				.getImplementationVersion();
			return (version != null) ? version : "(version unknown)";
		}
		catch (ClassNotFoundException | LinkageError ex) {
			return "(missing)";
		}
	}

	/**
	 * The gateway's JVM.
	 * @return its process handle
	 */
	ProcessHandle process() {
		return this.process.toHandle();
	}

	/**
	 * Stops the gateway. Does nothing the second time.
	 * @return what it did, as one sentence, with the last line of the gateway's log if it
	 * logged anything (at level {@code WARN} or above)
	 */
	public synchronized String stop() {
		if (this.stopped != null) {
			return this.stopped;
		}
		boolean killed = this.process != null && !ChildProcesses.stop(List.of(this.process), STOP_TIMEOUT).isEmpty();
		try {
			Runtime.getRuntime().removeShutdownHook(this.shutdownHook);
		}
		catch (IllegalStateException ex) {
			// already shutting down: this is the hook
		}
		List<String> log = ChildProcesses.logLines(this.logFile);
		this.stopped = "stopped the plain gateway"
				+ (killed ? " (killed after " + STOP_TIMEOUT.toSeconds() + " s without stopping on SIGTERM)" : "")
				+ (log.isEmpty() ? "; nothing in its log" : "; its log (" + this.logFile + ") has " + log.size()
						+ " line(s), the last: " + log.get(log.size() - 1));
		return this.stopped;
	}

	@Override
	public void close() {
		stop();
	}

	private String logTail() {
		StringBuilder tail = new StringBuilder("the end of its log (" + this.logFile + "):");
		List<String> lines = ChildProcesses.logLines(this.logFile);
		lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size())
			.forEach((line) -> tail.append(System.lineSeparator()).append(line));
		return tail.toString();
	}

	private static String baseUrl(URI upstream) {
		if (!"http".equalsIgnoreCase(upstream.getScheme()) || upstream.getHost() == null) {
			throw new IllegalArgumentException("upstream must be an http URL with a host: " + upstream);
		}
		return "http://" + upstream.getHost() + ":" + ((upstream.getPort() != -1) ? upstream.getPort() : 80);
	}

	private static int freeLoopbackPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
