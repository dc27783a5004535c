package org.dsplatform.launcher.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.dsplatform.launcher.LaunchException;
import org.dsplatform.launcher.Topology;

/**
 * Runs a scenario of the bench module in its own JVM, aimed at the platform's endpoints.
 */
final class BenchRunner {

	private final Path root;

	private final Path runDir;

	private final Topology topology;

	BenchRunner(Path root, Path runDir, Topology topology) {
		this.root = root;
		this.runDir = runDir;
		this.topology = topology;
	}

	int run(String scenario, List<String> args) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.add("-cp");
		command.add(benchJar() + ":" + this.root.resolve("bench/target/lib").toAbsolutePath() + "/*");
		command.add("org.dsplatform.bench.BenchCommand");
		command.addAll(arguments(scenario, args));
		return new ProcessBuilder(command).inheritIO().start().waitFor();
	}

	/**
	 * The scenario and its options: the platform's endpoints, the report directory, then
	 * the user's own. A list option given twice is appended to, so an endpoint option
	 * goes in only where the user gave none of the same name.
	 */
	List<String> arguments(String scenario, List<String> args) {
		List<String> arguments = new ArrayList<>();
		arguments.add(scenario);
		for (String target : targets(scenario)) {
			String name = target.substring(0, target.indexOf('='));
			if (args.stream().noneMatch((arg) -> arg.equals(name) || arg.startsWith(name + "="))) {
				arguments.add(target);
			}
		}
		arguments.add("--report-dir=" + this.runDir.resolve("bench").toAbsolutePath());
		arguments.addAll(args);
		return arguments;
	}

	/**
	 * The platform's endpoints a scenario takes as options; each scenario declares only
	 * those it uses, so it gets only those.
	 */
	private List<String> targets(String scenario) {
		return switch (scenario) {
			case "gateway-overhead" ->
				List.of("--gateway=" + this.topology.gatewayUrl(), "--direct=" + urls(this.topology.cachePorts()));
			case "kv" -> List.of("--kv=" + urls(this.topology.kvHttpPorts()));
			case "locks" ->
				List.of("--gateway=" + this.topology.gatewayUrl(), "--locks=" + urls(this.topology.lockPorts()),
						"--redis=redis://127.0.0.1:" + this.topology.redisPort());
			case "cache" -> List.of("--gateway=" + this.topology.gatewayUrl(),
					"--cache=" + urls(this.topology.cachePorts()), "--kv=" + urls(this.topology.kvHttpPorts()));
			default -> List.of("--gateway=" + this.topology.gatewayUrl());
		};
	}

	private static String urls(List<Integer> ports) {
		return ports.stream().map((port) -> "http://127.0.0.1:" + port).collect(Collectors.joining(","));
	}

	private Path benchJar() throws IOException {
		Path target = this.root.resolve("bench/target");
		try (Stream<Path> files = Files.exists(target) ? Files.list(target) : Stream.empty()) {
			return files.filter((file) -> file.getFileName().toString().matches("bench-.*\\.jar"))
				.findFirst()
				.orElseThrow(() -> new LaunchException("The bench module is not built: run ./mvnw -DskipTests package"))
				.toAbsolutePath();
		}
	}

}
