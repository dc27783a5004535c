package org.dsplatform.bench.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Directories a benchmark made for a run and deletes after it.
 */
public final class Directories {

	private Directories() {
	}

	/**
	 * Deletes a directory and everything in it; does nothing if it does not exist.
	 * @param root the directory
	 * @throws IOException if a file cannot be deleted; walking the tree may throw
	 * {@link java.io.UncheckedIOException} too
	 */
	public static void deleteRecursively(Path root) throws IOException {
		if (!Files.exists(root)) {
			return;
		}
		try (Stream<Path> files = Files.walk(root)) {
			for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(file);
			}
		}
	}

}
