package org.dsplatform.bench.etcd;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Finds an etcd binary, and installs Debian's {@code etcd-server} package with
 * {@code apt-get} when that is allowed and none is found. Every lookup says what it did,
 * step by step, so a benchmark can print and report it.
 */
public final class EtcdBinary {

	/** Debian's package with the etcd server binary ({@code /usr/bin/etcd}). */
	static final String PACKAGE = "etcd-server";

	private static final Duration APT_TIMEOUT = Duration.ofMinutes(10);

	private static final Duration VERSION_TIMEOUT = Duration.ofSeconds(10);

	private final String path;

	private final boolean root;

	/**
	 * A lookup in a given environment.
	 * @param path the search path, as the {@code PATH} variable spells it
	 * @param root whether this process runs as root, which allows installing without
	 * being asked to
	 */
	EtcdBinary(String path, boolean root) {
		this.path = (path != null) ? path : "";
		this.root = root;
	}

	/**
	 * A lookup in this process's environment.
	 * @return the lookup
	 */
	public static EtcdBinary ofEnvironment() {
		return new EtcdBinary(System.getenv("PATH"), "root".equals(System.getProperty("user.name")));
	}

	/**
	 * Finds the binary, installing it first if it is missing and the policy allows.
	 * @param name a name looked up on the search path, or a path (it contains '/')
	 * @param install when to install a missing binary
	 * @param logDirectory where the installer's output goes ({@code apt-get.log}),
	 * created if needed
	 * @return the binary, if there is one now, and the steps taken
	 * @throws InterruptedException if interrupted while installing
	 */
	public Lookup find(String name, Install install, Path logDirectory) throws InterruptedException {
		List<String> steps = new ArrayList<>();
		Optional<Path> found = locate(name);
		if (found.isPresent()) {
			steps.add("using " + found.get() + (name.contains("/") ? "" : " (found on the PATH)"));
			return new Lookup(found, steps);
		}
		String missing = name.contains("/") ? name + " is not an executable file" : "no '" + name + "' on the PATH";
		Optional<Path> aptGet = locate("apt-get");
		boolean allowed = install == Install.ALWAYS || (install == Install.IF_ROOT && this.root);
		if (!allowed || aptGet.isEmpty()) {
			steps.add(missing + "; not installing it (" + whyNot(install, aptGet.isPresent()) + ")");
			return new Lookup(Optional.empty(), steps);
		}
		Path log = logDirectory.resolve("apt-get.log");
		steps.add(missing + "; installing " + PACKAGE + " with apt-get (output in " + log + ")");
		try {
			Files.createDirectories(logDirectory);
			int exit = run(log, aptGet.get().toString(), "install", "-y", PACKAGE);
			if (exit != 0) {
				steps.add("apt-get install exited with " + exit + "; running apt-get update and trying once more");
				run(log, aptGet.get().toString(), "update");
				exit = run(log, aptGet.get().toString(), "install", "-y", PACKAGE);
			}
			if (exit != 0) {
				steps.add("apt-get install -y " + PACKAGE + " failed with exit code " + exit + ": " + lastLine(log));
				return new Lookup(Optional.empty(), steps);
			}
		}
		catch (IOException ex) {
			steps.add("could not run apt-get: " + ex.getMessage());
			return new Lookup(Optional.empty(), steps);
		}
		Optional<Path> installed = locate("etcd").or(() -> executable(Path.of("/usr/bin/etcd")));
		steps.add(installed.map((binary) -> "installed " + binary + " with apt-get install -y " + PACKAGE)
			.orElse("apt-get installed " + PACKAGE + " but no etcd binary is on the PATH"));
		return new Lookup(installed, steps);
	}

	/**
	 * The binary's own account of its version.
	 * @param binary the etcd binary
	 * @return its {@code --version} lines joined with ", ", such as
	 * {@code etcd Version: 3.4.23, Git SHA: ..., Go Version: go1.19.8, Go OS/Arch: linux/amd64}
	 */
	public static String version(Path binary) {
		try {
			Process process = new ProcessBuilder(binary.toString(), "--version").redirectErrorStream(true).start();
			process.getOutputStream().close();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!process.waitFor(VERSION_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
				process.destroyForcibly();
				return "unknown (" + binary + " --version did not finish)";
			}
			return output.lines()
				.map(String::strip)
				.filter((line) -> !line.isEmpty())
				.collect(Collectors.joining(", "));
		}
		catch (IOException ex) {
			return "unknown (" + ex.getMessage() + ")";
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return "unknown (interrupted)";
		}
	}

	Optional<Path> locate(String name) {
		if (name.contains("/")) {
			return executable(Path.of(name));
		}
		for (String directory : this.path.split(File.pathSeparator)) {
			if (!directory.isEmpty()) {
				Optional<Path> candidate = executable(Path.of(directory, name));
				if (candidate.isPresent()) {
					return candidate;
				}
			}
		}
		return Optional.empty();
	}

	private static Optional<Path> executable(Path file) {
		return (Files.isRegularFile(file) && Files.isExecutable(file)) ? Optional.of(file.toAbsolutePath())
				: Optional.empty();
	}

	private static String whyNot(Install install, boolean hasAptGet) {
		if (install == Install.NEVER) {
			return "--no-install-etcd";
		}
		if (!hasAptGet) {
			return "there is no apt-get";
		}
		return "not running as root; pass --install-etcd to install with apt-get anyway";
	}

	private static int run(Path log, String... command) throws IOException, InterruptedException {
		Files.writeString(log, "$ " + String.join(" ", command) + System.lineSeparator(), StandardCharsets.UTF_8,
				StandardOpenOption.CREATE, StandardOpenOption.APPEND);
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
			.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
		builder.environment().put("DEBIAN_FRONTEND", "noninteractive");
		Process process = builder.start();
		if (!process.waitFor(APT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
			process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			return -1;
		}
		return process.exitValue();
	}

	private static String lastLine(Path log) {
		try {
			List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
			for (int i = lines.size() - 1; i >= 0; i--) {
				if (!lines.get(i).isBlank()) {
					return lines.get(i).strip();
				}
			}
			return "(no output)";
		}
		catch (IOException ex) {
			return "(no output)";
		}
	}

	/**
	 * When a missing binary may be installed.
	 */
	public enum Install {

		/** Whenever it is missing and {@code apt-get} exists. */
		ALWAYS,

		/** When it is missing, {@code apt-get} exists and this process runs as root. */
		IF_ROOT,

		/** Never. */
		NEVER

	}

	/**
	 * The outcome of a lookup.
	 *
	 * @param binary the binary, or empty if there is none
	 * @param steps what the lookup did, one sentence each, such as
	 * {@code using /usr/bin/etcd (found on the PATH)}
	 */
	public record Lookup(Optional<Path> binary, List<String> steps) {

		public Lookup {
			steps = List.copyOf(steps);
		}

	}

}
