package org.dsplatform.bench.nginx;

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

/**
 * Finds an nginx binary: a name on the search path, then Debian's {@code /usr/sbin/nginx}
 * (which is not on the search path of most users); or a path. When none is found and this
 * process runs as root, it installs Debian's {@code nginx} package with {@code apt-get}.
 * Every lookup says what it did, step by step, so a benchmark can print and report it.
 */
public final class NginxBinary {

	/** Debian's package with the nginx binary ({@code /usr/sbin/nginx}). */
	static final String PACKAGE = "nginx";

	/** Where Debian's package puts the binary. */
	static final Path DEBIAN_LOCATION = Path.of("/usr/sbin/nginx");

	private static final Duration APT_TIMEOUT = Duration.ofMinutes(10);

	private static final Duration VERSION_TIMEOUT = Duration.ofSeconds(10);

	private final String path;

	private final boolean root;

	private final Path fallback;

	/**
	 * A lookup in a given environment.
	 * @param path the search path, as the {@code PATH} variable spells it
	 * @param root whether this process runs as root, which installing needs
	 * @param fallback where to look when a name is not on the search path
	 */
	NginxBinary(String path, boolean root, Path fallback) {
		this.path = (path != null) ? path : "";
		this.root = root;
		this.fallback = fallback;
	}

	/**
	 * A lookup in this process's environment.
	 * @return the lookup
	 */
	public static NginxBinary ofEnvironment() {
		return new NginxBinary(System.getenv("PATH"), "root".equals(System.getProperty("user.name")), DEBIAN_LOCATION);
	}

	/**
	 * Finds the binary, installing it first if it is missing, a name (not a path) was
	 * asked for, {@code apt-get} exists and this process runs as root.
	 * @param name a name looked up on the search path and then at Debian's location, or a
	 * path (it contains '/')
	 * @param installLog where the installer's output goes, created only when installing
	 * @return the binary, if there is one now, and the steps taken; when there is none,
	 * the last step says why in one sentence
	 * @throws InterruptedException if interrupted while installing
	 */
	public Lookup find(String name, Path installLog) throws InterruptedException {
		List<String> steps = new ArrayList<>();
		if (name.contains("/")) {
			Optional<Path> given = executable(Path.of(name));
			steps.add(given.map((binary) -> "using " + binary)
				.orElse(name + " is not an executable file; not installing nginx in its place"));
			return new Lookup(given, steps);
		}
		Optional<Path> onPath = locate(name);
		if (onPath.isPresent()) {
			steps.add("using " + onPath.get() + " (found on the PATH)");
			return new Lookup(onPath, steps);
		}
		Optional<Path> atFallback = executable(this.fallback);
		if (atFallback.isPresent()) {
			steps.add("using " + atFallback.get() + " (not on the PATH)");
			return new Lookup(atFallback, steps);
		}
		String missing = "no '" + name + "' on the PATH or at " + this.fallback;
		Optional<Path> aptGet = locate("apt-get");
		if (aptGet.isEmpty() || !this.root) {
			steps.add(missing + "; not installing it ("
					+ ((aptGet.isEmpty()) ? "there is no apt-get" : "installing needs root") + ")");
			return new Lookup(Optional.empty(), steps);
		}
		steps.add(missing + "; installing " + PACKAGE + " with apt-get (output in " + installLog + ")");
		try {
			Files.createDirectories(installLog.toAbsolutePath().getParent());
			int exit = run(installLog, aptGet.get().toString(), "install", "-y", PACKAGE);
			if (exit != 0) {
				steps.add("apt-get install exited with " + exit + "; running apt-get update and trying once more");
				run(installLog, aptGet.get().toString(), "update");
				exit = run(installLog, aptGet.get().toString(), "install", "-y", PACKAGE);
			}
			if (exit != 0) {
				steps.add("apt-get install -y " + PACKAGE + " failed with exit code " + exit + ": "
						+ lastLine(installLog) + " (output in " + installLog + ")");
				return new Lookup(Optional.empty(), steps);
			}
		}
		catch (IOException ex) {
			steps.add("could not run apt-get: " + ex.getMessage());
			return new Lookup(Optional.empty(), steps);
		}
		Optional<Path> installed = locate(name).or(() -> executable(this.fallback));
		steps.add(installed.map((binary) -> "installed " + binary + " with apt-get install -y " + PACKAGE)
			.orElse("apt-get installed " + PACKAGE + " but there is no '" + name + "' on the PATH or at "
					+ this.fallback));
		return new Lookup(installed, steps);
	}

	/**
	 * The binary's own account of its version.
	 * @param binary the nginx binary
	 * @return what {@code nginx -v} prints after {@code nginx version: }, such as
	 * {@code nginx/1.22.1}, or {@code unknown (...)}
	 */
	public static String version(Path binary) {
		try {
			Process process = new ProcessBuilder(binary.toString(), "-v").redirectErrorStream(true).start();
			process.getOutputStream().close();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!process.waitFor(VERSION_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
				process.destroyForcibly();
				return "unknown (" + binary + " -v did not finish)";
			}
			String line = output.lines().map(String::strip).filter((l) -> !l.isEmpty()).findFirst().orElse("");
			return line.isEmpty() ? "unknown (" + binary + " -v printed nothing)"
					: line.replaceFirst("^nginx version: ", "");
		}
		catch (IOException ex) {
			return "unknown (" + ex.getMessage() + ")";
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return "unknown (interrupted)";
		}
	}

	private Optional<Path> locate(String name) {
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
	 * The outcome of a lookup.
	 *
	 * @param binary the binary, or empty if there is none
	 * @param steps what the lookup did, one sentence each, such as
	 * {@code using /usr/sbin/nginx (not on the PATH)}
	 */
	public record Lookup(Optional<Path> binary, List<String> steps) {

		public Lookup {
			steps = List.copyOf(steps);
		}

	}

}
