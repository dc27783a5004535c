package org.dsplatform.bench.etcd;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.dsplatform.bench.host.AptGet;
import org.dsplatform.bench.host.Executables;

/**
 * Finds an etcd binary, and installs Debian's {@code etcd-server} package with
 * {@code apt-get} when that is allowed and none is found. Every lookup says what it did,
 * step by step, so a benchmark can print and report it.
 */
public final class EtcdBinary {

	/** Debian's package with the etcd server binary ({@code /usr/bin/etcd}). */
	static final String PACKAGE = "etcd-server";

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
		if (!AptGet.install(aptGet.get(), PACKAGE, log, steps, false)) {
			return new Lookup(Optional.empty(), steps);
		}
		Optional<Path> installed = locate("etcd").or(() -> Executables.executable(Path.of("/usr/bin/etcd")));
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
		return Executables.version(binary, "--version", (lines) -> String.join(", ", lines));
	}

	Optional<Path> locate(String name) {
		return name.contains("/") ? Executables.executable(Path.of(name)) : Executables.onPath(this.path, name);
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
