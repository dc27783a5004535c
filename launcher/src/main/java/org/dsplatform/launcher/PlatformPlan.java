package org.dsplatform.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.dsplatform.launcher.ProcessSpec.Kind;

/**
 * The processes of a local platform, in start order, derived from its topology: Redis,
 * the Kafka broker, then every service node and the gateway, each its own JVM with a
 * capped heap.
 */
final class PlatformPlan {

	/**
	 * JVM options of every service and the gateway: a small heap so that ten JVMs fit on
	 * a laptop, and the full (C2) JIT. The request paths (Tomcat, Spring MVC, Reactor
	 * Netty, Ratis, Redisson) are deep call chains that gain much from C2's inlining: on
	 * two cores, 1.6 to 2.6 times the steady throughput of the quick (C1) JIT alone, for
	 * a platform start of about 110 s instead of 70 s.
	 * {@link LocalPlatform#QUICK_START_JVM_OPTIONS} trades the one for the other.
	 */
	static final List<String> SERVICE_JVM_OPTIONS = List.of("-Xms64m", "-Xmx256m", "-XX:+UseSerialGC", "-Xss512k");

	static final List<String> KAFKA_JVM_OPTIONS = List.of("-Xms64m", "-Xmx256m", "-XX:+UseSerialGC",
			"-XX:TieredStopAtLevel=1");

	private final Path root;

	private final Path runDir;

	private final Topology topology;

	private final HttpClient http;

	private final List<String> extraJvmOptions;

	PlatformPlan(Path root, Path runDir, Topology topology, HttpClient http, List<String> extraJvmOptions) {
		this.root = root;
		this.runDir = runDir;
		this.topology = topology;
		this.http = http;
		this.extraJvmOptions = List.copyOf(extraJvmOptions);
	}

	/** The same plan for another topology. */
	PlatformPlan withTopology(Topology other) {
		return new PlatformPlan(this.root, this.runDir, other, this.http, this.extraJvmOptions);
	}

	Topology topology() {
		return this.topology;
	}

	KafkaBroker kafka() {
		return new KafkaBroker(this.runDir, this.topology, this.root.resolve("launcher/target/lib"));
	}

	List<String> java(List<String> options) {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(options);
		command.addAll(this.extraJvmOptions);
		return command;
	}

	/**
	 * Every process, infrastructure first.
	 */
	List<ProcessSpec> processes() {
		List<ProcessSpec> specs = new ArrayList<>();
		specs.add(redis());
		specs.add(new ProcessSpec("kafka", Kind.KAFKA, () -> kafka().serverCommand(java(KAFKA_JVM_OPTIONS)),
				List.of(this.topology.kafkaPort(), this.topology.kafkaControllerPort()),
				"kafka://" + this.topology.kafkaBootstrap(), Readiness.tcp(this.topology.kafkaPort())));
		List<Integer> kv = this.topology.kvHttpPorts();
		for (int i = 0; i < kv.size(); i++) {
			String name = "kv-" + (i + 1);
			int raftPort = this.topology.kvRaftPorts().get(i);
			specs.add(service(name, "kv-service", List.of(kv.get(i), raftPort), "--kv.data-dir=" + dataDir(name),
					"--kv.raft.peers=" + raftPeers()));
		}
		List<Integer> cache = this.topology.cachePorts();
		for (int i = 0; i < cache.size(); i++) {
			specs.add(service("cache-" + (i + 1), "cache-service", List.of(cache.get(i)),
					"--cache.advertised-url=http://127.0.0.1:" + cache.get(i), "--cache.kv-urls=" + urls(kv),
					"--cache.seed-members=" + members("cache", cache)));
		}
		List<Integer> lock = this.topology.lockPorts();
		for (int i = 0; i < lock.size(); i++) {
			specs.add(service("lock-" + (i + 1), "lock-service", List.of(lock.get(i)),
					"--spring.data.redis.port=" + this.topology.redisPort(),
					"--locks.kv-url=" + this.topology.gatewayUrl()));
		}
		List<String> gatewayArgs = new ArrayList<>();
		gatewayArgs.addAll(instances("kv-service", "kv", kv));
		gatewayArgs.addAll(instances("cache-service", "cache", cache));
		gatewayArgs.addAll(instances("lock-service", "lock", lock));
		gatewayArgs.add("--gateway.cache-ring.kv-urls=" + urls(kv));
		gatewayArgs.add("--gateway.cache-ring.seed-members=" + members("cache", cache));
		gatewayArgs.add("--spring.data.redis.port=" + this.topology.redisPort());
		specs.add(service("gateway", "gateway", SERVICE_JVM_OPTIONS, List.of(this.topology.gatewayPort()),
				gatewayArgs.toArray(String[]::new)));
		return specs;
	}

	ProcessSpec process(String name) {
		return processes().stream()
			.filter((spec) -> spec.name().equals(name))
			.findFirst()
			.orElseThrow(() -> new LaunchException("No process named '" + name + "'; the processes are: "
					+ processes().stream().map(ProcessSpec::name).collect(Collectors.joining(", "))));
	}

	private ProcessSpec redis() {
		Supplier<List<String>> command = () -> List.of(RedisBinary.locate(this.runDir).toString(), "--port",
				String.valueOf(this.topology.redisPort()), "--bind", "127.0.0.1", "--dir",
				createdDataDir("redis").toString(), "--appendonly", "yes", "--appendfsync", "everysec", "--save", "",
				"--daemonize", "no");
		return new ProcessSpec("redis", Kind.REDIS, command, List.of(this.topology.redisPort()),
				"redis://127.0.0.1:" + this.topology.redisPort(), Readiness.redisPing(this.topology.redisPort()));
	}

	private ProcessSpec service(String name, String module, List<Integer> ports, String... args) {
		return service(name, module, SERVICE_JVM_OPTIONS, ports, args);
	}

	private ProcessSpec service(String name, String module, List<String> jvmOptions, List<Integer> ports,
			String... args) {
		int port = ports.get(0);
		Supplier<List<String>> command = () -> {
			List<String> line = java(jvmOptions);
			line.add("-jar");
			line.add(jar(module).toString());
			line.add("--server.port=" + port);
			line.add("--platform.node-id=" + name);
			line.add("--spring.kafka.bootstrap-servers=" + this.topology.kafkaBootstrap());
			line.addAll(List.of(args));
			return line;
		};
		String url = "http://127.0.0.1:" + port;
		return new ProcessSpec(name, Kind.SERVICE, command, ports, url,
				Readiness.http(this.http, url + "/actuator/health/readiness"));
	}

	private String raftPeers() {
		List<Integer> raft = this.topology.kvRaftPorts();
		return IntStream.range(0, raft.size())
			.mapToObj((i) -> "kv-" + (i + 1) + "=127.0.0.1:" + raft.get(i))
			.collect(Collectors.joining(","));
	}

	private static List<String> instances(String service, String nodePrefix, List<Integer> ports) {
		String property = "--spring.cloud.discovery.client.simple.instances." + service;
		return IntStream.range(0, ports.size())
			.boxed()
			.flatMap((i) -> Stream.of(property + "[" + i + "].uri=http://127.0.0.1:" + ports.get(i),
					property + "[" + i + "].instance-id=" + nodePrefix + "-" + (i + 1),
					property + "[" + i + "].metadata.node-id=" + nodePrefix + "-" + (i + 1)))
			.toList();
	}

	private static String urls(List<Integer> ports) {
		return ports.stream().map((port) -> "http://127.0.0.1:" + port).collect(Collectors.joining(","));
	}

	private static String members(String nodePrefix, List<Integer> ports) {
		return IntStream.range(0, ports.size())
			.mapToObj((i) -> nodePrefix + "-" + (i + 1) + "=http://127.0.0.1:" + ports.get(i))
			.collect(Collectors.joining(","));
	}

	private Path dataDir(String name) {
		return this.runDir.resolve("data").resolve(name).toAbsolutePath();
	}

	private Path createdDataDir(String name) {
		try {
			return Files.createDirectories(dataDir(name));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The runnable jar of a module, as {@code ./mvnw package} leaves it.
	 */
	Path jar(String module) {
		Path target = this.root.resolve(module).resolve("target");
		try (Stream<Path> files = Files.exists(target) ? Files.list(target) : Stream.empty()) {
			return files.filter((file) -> file.getFileName().toString().matches(module + "-.*-exec\\.jar"))
				.findFirst()
				.orElseThrow(() -> new LaunchException(module + " is not built (no " + module + "/target/" + module
						+ "-*-exec.jar): run ./mvnw -DskipTests package"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
