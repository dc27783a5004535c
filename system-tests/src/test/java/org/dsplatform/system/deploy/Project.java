package org.dsplatform.system.deploy;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The files of the project the deployment checks read: the root is found as the
 * integration tests find it ({@code platform.root}, else the parent of the module).
 */
final class Project {

	/**
	 * The modules that become a container image, as the Dockerfile's MODULE names them.
	 */
	static final List<String> SERVICES = List.of("kv-service", "cache-service", "lock-service", "gateway");

	private Project() {
	}

	static Path root() {
		Path root = Path.of(System.getProperty("platform.root", "..")).toAbsolutePath().normalize();
		if (!Files.exists(root.resolve("platform"))) {
			throw new IllegalStateException("Not the project root (no ./platform): " + root);
		}
		return root;
	}

	static Path file(String relative) {
		return root().resolve(relative);
	}

	/**
	 * The runnable jar of a service module, as {@code ./mvnw package} leaves it.
	 */
	static Path serviceJar(String module) {
		Path target = root().resolve(module).resolve("target");
		try (Stream<Path> files = Files.exists(target) ? Files.list(target) : Stream.empty()) {
			return files.filter((file) -> file.getFileName().toString().matches(module + "-.*-exec\\.jar"))
				.findFirst()
				.orElseThrow(() -> new IllegalStateException(module + " is not built (no " + module + "/target/"
						+ module + "-*-exec.jar): run ./mvnw -B -q install -DskipTests -pl " + module + " -am"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Every document of a YAML file, parsed strictly: duplicate keys are an error, as
	 * they are for Spring Boot, Docker Compose and kubectl.
	 */
	static List<Object> yamlDocuments(Path file) {
		try (Reader reader = Files.newBufferedReader(file)) {
			return yamlDocuments(reader);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static List<Object> yamlDocuments(Reader reader) {
		LoaderOptions options = new LoaderOptions();
		options.setAllowDuplicateKeys(false);
		List<Object> documents = new ArrayList<>();
		for (Object document : new Yaml(new SafeConstructor(options)).loadAll(reader)) {
			if (document != null) {
				documents.add(document);
			}
		}
		return documents;
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> yamlMap(Path file) {
		List<Object> documents = yamlDocuments(file);
		if (documents.size() != 1 || !(documents.get(0) instanceof Map)) {
			throw new IllegalStateException(file + " is not one YAML mapping");
		}
		return (Map<String, Object>) documents.get(0);
	}

	static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
