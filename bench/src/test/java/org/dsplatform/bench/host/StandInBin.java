package org.dsplatform.bench.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A directory of stand-in executables, shell scripts, for tests of what finds, installs
 * or runs binaries: a {@code bin} directory in a test's temporary directory, to put on a
 * search path.
 */
public final class StandInBin {

	private final Path directory;

	private final Path aptGetRan;

	private StandInBin(Path directory, Path aptGetRan) {
		this.directory = directory;
		this.aptGetRan = aptGetRan;
	}

	/**
	 * Creates an empty {@code bin} directory.
	 * @param parent the test's temporary directory
	 * @return the directory
	 * @throws IOException if it cannot be created
	 */
	public static StandInBin in(Path parent) throws IOException {
		return new StandInBin(Files.createDirectories(parent.resolve("bin")), parent.resolve("apt-get-ran"));
	}

	/**
	 * Writes an executable shell script.
	 * @param file where
	 * @param body the lines after {@code #!/bin/sh}
	 * @return the file
	 * @throws IOException if it cannot be written
	 */
	public static Path script(Path file, String body) throws IOException {
		Files.writeString(file, "#!/bin/sh\n" + body + "\n");
		Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
		return file;
	}

	/**
	 * The directory.
	 * @return its path
	 */
	public Path directory() {
		return this.directory;
	}

	/**
	 * The directory as a search path of its own.
	 * @return as the {@code PATH} variable would spell it
	 */
	public String searchPath() {
		return this.directory.toString();
	}

	/**
	 * Writes an executable shell script into the directory.
	 * @param name the script's name
	 * @param body the lines after {@code #!/bin/sh}
	 * @return the script
	 * @throws IOException if it cannot be written
	 */
	public Path script(String name, String body) throws IOException {
		return script(this.directory.resolve(name), body);
	}

	/**
	 * Writes an {@code apt-get} that installs nothing and only records that it ran.
	 * @return this directory
	 * @throws IOException if it cannot be written
	 */
	public StandInBin withIdleAptGet() throws IOException {
		script("apt-get", "touch " + this.aptGetRan);
		return this;
	}

	/**
	 * Whether the {@code apt-get} of {@link #withIdleAptGet()} ran.
	 * @return whether it ran at least once
	 */
	public boolean aptGetRan() {
		return Files.exists(this.aptGetRan);
	}

}
