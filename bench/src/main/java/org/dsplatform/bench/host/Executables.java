package org.dsplatform.bench.host;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Executable files: looked up on a search path, and asked what version they are.
 */
public final class Executables {

	private static final Duration VERSION_TIMEOUT = Duration.ofSeconds(10);

	private Executables() {
	}

	/**
	 * The first executable file of a name in the directories of a search path.
	 * @param searchPath the directories, separated as in the {@code PATH} variable; empty
	 * entries are skipped
	 * @param name the file's name
	 * @return its absolute path, or empty if no directory has it
	 */
	public static Optional<Path> onPath(String searchPath, String name) {
		for (String directory : searchPath.split(File.pathSeparator)) {
			if (!directory.isEmpty()) {
				Optional<Path> candidate = executable(Path.of(directory, name));
				if (candidate.isPresent()) {
					return candidate;
				}
			}
		}
		return Optional.empty();
	}

	/**
	 * A file, if it is a regular file this process may execute.
	 * @param file the file
	 * @return its absolute path, or empty if it is not such a file
	 */
	public static Optional<Path> executable(Path file) {
		return (Files.isRegularFile(file) && Files.isExecutable(file)) ? Optional.of(file.toAbsolutePath())
				: Optional.empty();
	}

	/**
	 * Runs a binary with the option that makes it print its version, and gives it ten
	 * seconds to finish.
	 * @param binary the binary
	 * @param option the option, such as {@code --version}
	 * @param describe turns what it printed, on either stream, into the answer: its
	 * non-blank lines, stripped
	 * @return the description, or {@code unknown (...)} saying why there is none (it did
	 * not finish, could not be run, or the wait was interrupted)
	 */
	public static String version(Path binary, String option, Function<List<String>, String> describe) {
		try {
			Process process = new ProcessBuilder(binary.toString(), option).redirectErrorStream(true).start();
			process.getOutputStream().close();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!process.waitFor(VERSION_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
				process.destroyForcibly();
				return "unknown (" + binary + " " + option + " did not finish)";
			}
			return describe.apply(output.lines().map(String::strip).filter((line) -> !line.isEmpty()).toList());
		}
		catch (IOException ex) {
			return "unknown (" + ex.getMessage() + ")";
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return "unknown (interrupted)";
		}
	}

}
