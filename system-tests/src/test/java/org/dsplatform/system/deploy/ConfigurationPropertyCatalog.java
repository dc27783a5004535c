package org.dsplatform.system.deploy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The configuration properties one service really has: every property described by the
 * {@code META-INF/spring-configuration-metadata.json} of its runnable jar and of every
 * library inside it (its own {@code @ConfigurationProperties}, Spring Boot's
 * {@code spring.*}, {@code server.*}, {@code management.*}, {@code logging.*}, Spring
 * Cloud's, ...), every key its {@code application.yml} sets, and the environment
 * variables its {@code application.yml} reads through placeholders.
 * <p>
 * An environment variable names a property by Spring Boot's relaxed binding: dots become
 * underscores, dashes vanish, all upper case ({@code KV_RAFT_PEERS} is
 * {@code kv.raft.peers}; {@code KV_RAFT_SNAPSHOTTHRESHOLD} is
 * {@code kv.raft.snapshot-threshold}); the legacy form with dashes as underscores
 * ({@code SPRING_KAFKA_BOOTSTRAP_SERVERS}) binds too. Below a property of a map or list
 * type any name is accepted.
 */
final class ConfigurationPropertyCatalog {

	private static final String METADATA = "META-INF/spring-configuration-metadata.json";

	private static final Map<String, ConfigurationPropertyCatalog> CACHE = new ConcurrentHashMap<>();

	private final String module;

	private final Set<String> exact = new TreeSet<>();

	private final Set<String> prefixes = new TreeSet<>();

	private final Set<String> environmentPlaceholders;

	private ConfigurationPropertyCatalog(String module, List<JsonNode> metadata, ServiceConfiguration configuration) {
		this.module = module;
		for (JsonNode document : metadata) {
			for (JsonNode property : document.path("properties")) {
				String name = property.path("name").asString();
				String type = property.path("type").asString("");
				this.exact.add(environmentForm(name));
				this.exact.add(legacyEnvironmentForm(name));
				if (type.startsWith("java.util.Map") || type.startsWith("java.util.List")
						|| type.startsWith("java.util.Set") || type.startsWith("java.util.Collection")
						|| type.endsWith("[]")) {
					this.prefixes.add(environmentForm(name) + "_");
				}
			}
		}
		configuration.keys().forEach((key) -> {
			this.exact.add(environmentForm(key));
			this.exact.add(legacyEnvironmentForm(key));
		});
		this.environmentPlaceholders = configuration.environmentPlaceholders();
	}

	/**
	 * The catalog of a service module, read from its built jar (once per test run).
	 */
	static ConfigurationPropertyCatalog of(String module) {
		return CACHE.computeIfAbsent(module, (name) -> new ConfigurationPropertyCatalog(name,
				metadata(Project.serviceJar(name)), ServiceConfiguration.of(name)));
	}

	/**
	 * A catalog from given metadata documents, for tests of the catalog itself.
	 */
	static ConfigurationPropertyCatalog of(String module, List<JsonNode> metadata) {
		return new ConfigurationPropertyCatalog(module, metadata, ServiceConfiguration.of(module));
	}

	/**
	 * The form of a property name as an environment variable.
	 */
	static String environmentForm(String property) {
		return property.replace("[", ".")
			.replace("]", "")
			.replace("-", "")
			.replace('.', '_')
			.toUpperCase(java.util.Locale.ROOT);
	}

	/**
	 * The legacy form Spring Boot also binds: dashes become underscores.
	 */
	static String legacyEnvironmentForm(String property) {
		return environmentForm(property.replace("-", "_"));
	}

	boolean accepts(String environmentVariable) {
		if (this.environmentPlaceholders.contains(environmentVariable)) {
			return true;
		}
		String name = environmentVariable.toUpperCase(java.util.Locale.ROOT);
		if (this.exact.contains(name)) {
			return true;
		}
		return this.prefixes.stream().anyMatch(name::startsWith);
	}

	/**
	 * The variables among the given ones that configure nothing in this service.
	 */
	List<String> unknown(Iterable<String> environmentVariables) {
		List<String> unknown = new ArrayList<>();
		for (String variable : environmentVariables) {
			if (!accepts(variable)) {
				unknown.add(variable);
			}
		}
		return unknown;
	}

	int size() {
		return this.exact.size();
	}

	@Override
	public String toString() {
		return this.module + " (" + this.exact.size() + " properties)";
	}

	private static List<JsonNode> metadata(Path jar) {
		JsonMapper json = JsonMapper.builder().build();
		List<JsonNode> documents = new ArrayList<>();
		Set<String> seen = new LinkedHashSet<>();
		try (ZipFile zip = new ZipFile(jar.toFile())) {
			Enumeration<? extends ZipEntry> entries = zip.entries();
			while (entries.hasMoreElements()) {
				ZipEntry entry = entries.nextElement();
				if (entry.getName().endsWith(METADATA) && seen.add(entry.getName())) {
					try (InputStream in = zip.getInputStream(entry)) {
						documents.add(json.readTree(in.readAllBytes()));
					}
				}
				else if (entry.getName().startsWith("BOOT-INF/lib/") && entry.getName().endsWith(".jar")) {
					try (ZipInputStream nested = new ZipInputStream(zip.getInputStream(entry))) {
						byte[] found = find(nested);
						if (found != null) {
							documents.add(json.readTree(found));
						}
					}
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read " + jar, ex);
		}
		return documents;
	}

	private static byte[] find(ZipInputStream jar) throws IOException {
		ZipEntry entry;
		while ((entry = jar.getNextEntry()) != null) {
			if (entry.getName().equals(METADATA)) {
				ByteArrayOutputStream bytes = new ByteArrayOutputStream();
				jar.transferTo(bytes);
				return bytes.toByteArray();
			}
		}
		return null;
	}

}
