package org.dsplatform.launcher;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

import redis.embedded.core.ExecutableProvider;

/**
 * Finds a {@code redis-server} to run: the one on the {@code PATH} if there is one, else
 * the binary shipped inside the embedded-redis library, extracted once under the run
 * directory.
 */
final class RedisBinary {

	private RedisBinary() {
	}

	static Path locate(Path runDir) {
		return onPath().orElseGet(() -> extract(runDir.resolve("bin").resolve("redis-server")));
	}

	private static Optional<Path> onPath() {
		String path = System.getenv("PATH");
		if (path == null) {
			return Optional.empty();
		}
		return Stream.of(path.split(File.pathSeparator))
			.map((dir) -> Path.of(dir, "redis-server"))
			.filter(Files::isExecutable)
			.findFirst();
	}

	private static Path extract(Path target) {
		try {
			if (!Files.isExecutable(target)) {
				Files.createDirectories(target.getParent());
				File extracted = ExecutableProvider.newJarResourceProvider(target.toFile()).get();
				extracted.setExecutable(true);
				return extracted.toPath();
			}
			return target;
		}
		catch (IOException | RuntimeException ex) {
			throw new LaunchException("No redis-server on the PATH and the embedded one could not be extracted to "
					+ target + ": " + ex.getMessage(), ex);
		}
	}

}
