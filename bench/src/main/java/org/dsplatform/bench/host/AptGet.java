package org.dsplatform.bench.host;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian packages installed with {@code apt-get}: non-interactively, with its output
 * appended to a log file, and with one retry after updating the package lists.
 */
public final class AptGet {

	private static final Duration TIMEOUT = Duration.ofMinutes(10);

	private AptGet() {
	}

	/**
	 * Installs a package. When {@code apt-get install} fails, runs {@code apt-get update}
	 * and tries once more; each run gets ten minutes.
	 * @param aptGet the {@code apt-get} binary
	 * @param packageName the package
	 * @param log where the output of every run goes, appended after the command line; its
	 * directory is created if needed
	 * @param steps where a sentence is added for the retry and, when the package is not
	 * installed, one saying why, with the last line {@code apt-get} wrote
	 * @param failureNamesLog whether the sentence saying why names the log too, for
	 * callers that show that sentence alone
	 * @return whether the package is installed
	 * @throws InterruptedException if interrupted while {@code apt-get} runs
	 */
	public static boolean install(Path aptGet, String packageName, Path log, List<String> steps,
			boolean failureNamesLog) throws InterruptedException {
		try {
			Files.createDirectories(log.toAbsolutePath().getParent());
			int exit = run(log, aptGet.toString(), "install", "-y", packageName);
			if (exit != 0) {
				steps.add("apt-get install exited with " + exit + "; running apt-get update and trying once more");
				run(log, aptGet.toString(), "update");
				exit = run(log, aptGet.toString(), "install", "-y", packageName);
			}
			if (exit != 0) {
				steps.add("apt-get install -y " + packageName + " failed with exit code " + exit + ": " + lastLine(log)
						+ (failureNamesLog ? " (output in " + log + ")" : ""));
				return false;
			}
			return true;
		}
		catch (IOException ex) {
			steps.add("could not run apt-get: " + ex.getMessage());
			return false;
		}
	}

	/**
	 * Runs a command with its output appended to a log.
	 * @return its exit code, or -1 if it did not finish in time (it is killed)
	 */
	private static int run(Path log, String... command) throws IOException, InterruptedException {
		Files.writeString(log, "$ " + String.join(" ", command) + System.lineSeparator(), StandardCharsets.UTF_8,
				StandardOpenOption.CREATE, StandardOpenOption.APPEND);
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
			.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
		builder.environment().put("DEBIAN_FRONTEND", "noninteractive");
		Process process = builder.start();
		if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
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

}
