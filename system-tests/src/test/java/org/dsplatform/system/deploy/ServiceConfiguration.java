package org.dsplatform.system.deploy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A service's {@code application.yml} as Spring Boot reads it for one profile: the
 * default document, overridden by the document activated by the profile (maps merge, a
 * list replaces the default's list as a whole), flattened to property names
 * ({@code a.b[0].c}) and with {@code ${...}} placeholders resolved against the other
 * properties and the given environment variables.
 */
final class ServiceConfiguration {

	private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}:]+)(?::([^}]*))?}");

	private static final Pattern ENVIRONMENT_PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[}:]");

	private final String module;

	private final Map<String, Object> defaults;

	private final Map<String, Map<String, Object>> profiles = new LinkedHashMap<>();

	private final String source;

	@SuppressWarnings("unchecked")
	private ServiceConfiguration(String module) {
		this.module = module;
		this.source = Project.read(Project.file(module + "/src/main/resources/application.yml"));
		Map<String, Object> defaults = null;
		for (Object document : documents(module, this.source)) {
			Map<String, Object> map = (Map<String, Object>) document;
			Object profile = path(map, "spring", "config", "activate", "on-profile");
			if (profile == null) {
				if (defaults != null) {
					throw new IllegalStateException(module + ": more than one document without a profile");
				}
				defaults = map;
			}
			else {
				this.profiles.put(profile.toString(), map);
			}
		}
		this.defaults = (defaults != null) ? defaults : Map.of();
	}

	/**
	 * The documents of the file, read as strictly as Spring Boot reads them: a duplicate
	 * key stops the service from starting, so it fails here too.
	 */
	private static List<Object> documents(String module, String source) {
		try {
			return Project.yamlDocuments(new java.io.StringReader(source));
		}
		catch (org.yaml.snakeyaml.error.YAMLException ex) {
			throw new IllegalStateException(module + "/src/main/resources/application.yml cannot be read (Spring Boot "
					+ "refuses it as well, so the service would not start): " + ex.getMessage(), ex);
		}
	}

	static ServiceConfiguration of(String module) {
		return new ServiceConfiguration(module);
	}

	String module() {
		return this.module;
	}

	Set<String> profileNames() {
		return this.profiles.keySet();
	}

	/**
	 * Every property name the file sets, in any document.
	 */
	Set<String> keys() {
		Set<String> keys = new LinkedHashSet<>(flatten(this.defaults).keySet());
		this.profiles.values().forEach((profile) -> keys.addAll(flatten(profile).keySet()));
		return keys;
	}

	/**
	 * The environment variables the file refers to in placeholders ({@code ${HOSTNAME}},
	 * {@code ${POD_IP}}): setting one of them is configuration too.
	 */
	Set<String> environmentPlaceholders() {
		Set<String> names = new LinkedHashSet<>();
		Matcher matcher = ENVIRONMENT_PLACEHOLDER.matcher(this.source);
		while (matcher.find()) {
			names.add(matcher.group(1));
		}
		return names;
	}

	/**
	 * The effective properties with the given profile active.
	 * @param environment environment variables for placeholders such as
	 * {@code ${HOSTNAME}}; a placeholder that resolves nowhere is an error
	 */
	Map<String, String> effective(String profile, Map<String, String> environment) {
		Map<String, Object> document = this.profiles.get(profile);
		if (document == null) {
			throw new IllegalStateException(this.module + " has no '" + profile + "' profile document");
		}
		Map<String, Object> merged = merge(this.defaults, document);
		Map<String, String> flat = new TreeMap<>();
		flatten(merged).forEach((key, value) -> flat.put(key, String.valueOf(value)));
		Map<String, String> resolved = new TreeMap<>();
		flat.forEach((key, value) -> resolved.put(key, resolve(value, flat, environment, 0)));
		return resolved;
	}

	private String resolve(String value, Map<String, String> properties, Map<String, String> environment, int depth) {
		if (depth > 10) {
			throw new IllegalStateException(this.module + ": placeholder cycle in " + value);
		}
		Matcher matcher = PLACEHOLDER.matcher(value);
		StringBuilder result = new StringBuilder();
		while (matcher.find()) {
			String name = matcher.group(1);
			String replacement = properties.containsKey(name) ? properties.get(name) : environment.get(name);
			if (replacement == null) {
				replacement = matcher.group(2);
			}
			if (replacement == null) {
				throw new IllegalStateException(this.module + ": ${" + name + "} resolves to nothing");
			}
			matcher.appendReplacement(result,
					Matcher.quoteReplacement(resolve(replacement, properties, environment, depth + 1)));
		}
		matcher.appendTail(result);
		return result.toString();
	}

	/**
	 * The values of an indexed property ({@code name[0]}, {@code name[1]}, ...), or of a
	 * comma-separated one.
	 */
	static List<String> list(Map<String, String> properties, String name) {
		List<String> values = new ArrayList<>();
		if (properties.containsKey(name)) {
			for (String value : properties.get(name).split(",")) {
				if (!value.isBlank()) {
					values.add(value.trim());
				}
			}
			return values;
		}
		for (int i = 0; properties.containsKey(name + "[" + i + "]"); i++) {
			values.add(properties.get(name + "[" + i + "]"));
		}
		return values;
	}

	/**
	 * {@code id=value} pairs of a comma-separated property such as {@code kv.raft.peers}.
	 */
	static Map<String, String> pairs(Map<String, String> properties, String name) {
		Map<String, String> pairs = new LinkedHashMap<>();
		for (String pair : list(properties, name)) {
			String[] parts = pair.split("=", 2);
			pairs.put(parts[0].trim(), (parts.length == 2) ? parts[1].trim() : "");
		}
		return pairs;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> merge(Map<String, Object> base, Map<String, Object> override) {
		Map<String, Object> merged = new LinkedHashMap<>(base);
		override.forEach((key, value) -> {
			Object existing = merged.get(key);
			if (existing instanceof Map && value instanceof Map) {
				merged.put(key, merge((Map<String, Object>) existing, (Map<String, Object>) value));
			}
			else {
				merged.put(key, value);
			}
		});
		return merged;
	}

	static Map<String, Object> flatten(Map<String, Object> map) {
		Map<String, Object> flat = new LinkedHashMap<>();
		flatten("", map, flat);
		return flat;
	}

	@SuppressWarnings("unchecked")
	private static void flatten(String prefix, Object value, Map<String, Object> flat) {
		if (value instanceof Map<?, ?> map) {
			map.forEach((key, nested) -> flatten(prefix.isEmpty() ? key.toString() : prefix + "." + key, nested, flat));
		}
		else if (value instanceof List<?> list) {
			for (int i = 0; i < list.size(); i++) {
				flatten(prefix + "[" + i + "]", list.get(i), flat);
			}
		}
		else {
			flat.put(prefix, (value != null) ? value : "");
		}
	}

	@SuppressWarnings("unchecked")
	private static Object path(Map<String, Object> map, String... keys) {
		Object current = map;
		for (String key : keys) {
			if (!(current instanceof Map)) {
				return null;
			}
			current = ((Map<String, Object>) current).get(key);
		}
		return current;
	}

}
