package org.dsplatform.bench.nginx;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.dsplatform.bench.host.AptGet;
import org.dsplatform.bench.host.Executables;

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
			Optional<Path> given = Executables.executable(Path.of(name));
			steps.add(given.map((binary) -> "using " + binary)
				.orElse(name + " is not an executable file; not installing nginx in its place"));
			return new Lookup(given, steps);
		}
		Optional<Path> onPath = locate(name);
		if (onPath.isPresent()) {
			steps.add("using " + onPath.get() + " (found on the PATH)");
			return new Lookup(onPath, steps);
		}
		Optional<Path> atFallback = Executables.executable(this.fallback);
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
		if (!AptGet.install(aptGet.get(), PACKAGE, installLog, steps, true)) {
			return new Lookup(Optional.empty(), steps);
		}
		Optional<Path> installed = locate(name).or(() -> Executables.executable(this.fallback));
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
		return Executables.version(binary, "-v", (lines) -> lines.isEmpty()
				? "unknown (" + binary + " -v printed nothing)" : lines.get(0).replaceFirst("^nginx version: ", ""));
	}

	private Optional<Path> locate(String name) {
		return Executables.onPath(this.path, name);
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
