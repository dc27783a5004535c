package org.dsplatform.system.deploy;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code docker-compose.yml} as the Compose specification reads it: services with their
 * image build, environment (map or list form), healthcheck, ports, volumes and
 * dependencies.
 */
final class ComposeFile {

	private final Map<String, Object> document;

	private final Map<String, Service> services = new LinkedHashMap<>();

	@SuppressWarnings("unchecked")
	ComposeFile(Map<String, Object> document) {
		this.document = document;
		Map<String, Object> services = (Map<String, Object>) document.get("services");
		if (services == null) {
			throw new IllegalStateException("docker-compose.yml has no services");
		}
		services.forEach(
				(name, definition) -> this.services.put(name, new Service(name, (Map<String, Object>) definition)));
	}

	static ComposeFile load() {
		return new ComposeFile(Project.yamlMap(Project.file("docker-compose.yml")));
	}

	Map<String, Service> services() {
		return this.services;
	}

	Service service(String name) {
		Service service = this.services.get(name);
		if (service == null) {
			throw new IllegalStateException("docker-compose.yml has no service '" + name + "'");
		}
		return service;
	}

	/** The services built from docker/Dockerfile with the given MODULE. */
	List<Service> servicesOf(String module) {
		return this.services.values().stream().filter((service) -> module.equals(service.module())).toList();
	}

	/** The platform's own services (built from docker/Dockerfile). */
	List<Service> applications() {
		return this.services.values().stream().filter((service) -> service.module() != null).toList();
	}

	@SuppressWarnings("unchecked")
	Map<String, Object> volumes() {
		Object volumes = this.document.get("volumes");
		return (volumes instanceof Map) ? (Map<String, Object>) volumes : Map.of();
	}

	record Service(String name, Map<String, Object> definition) {

		/** The MODULE build argument, or null for a service from a public image. */
		@SuppressWarnings("unchecked")
		String module() {
			if (!(this.definition.get("build") instanceof Map<?, ?> build)) {
				return null;
			}
			Object args = ((Map<String, Object>) build).get("args");
			if (args instanceof Map<?, ?> map) {
				Object module = map.get("MODULE");
				return (module != null) ? module.toString() : null;
			}
			return null;
		}

		String hostname() {
			Object hostname = this.definition.get("hostname");
			return (hostname != null) ? hostname.toString() : null;
		}

		/** The environment, from either form the specification allows. */
		Map<String, String> environment() {
			Map<String, String> environment = new LinkedHashMap<>();
			Object value = this.definition.get("environment");
			if (value instanceof Map<?, ?> map) {
				map.forEach((key, entry) -> environment.put(key.toString(), (entry != null) ? entry.toString() : ""));
			}
			else if (value instanceof List<?> list) {
				for (Object entry : list) {
					String[] parts = entry.toString().split("=", 2);
					environment.put(parts[0], (parts.length == 2) ? parts[1] : "");
				}
			}
			return environment;
		}

		@SuppressWarnings("unchecked")
		Optional<Map<String, Object>> healthcheck() {
			Object healthcheck = this.definition.get("healthcheck");
			return (healthcheck instanceof Map) ? Optional.of((Map<String, Object>) healthcheck) : Optional.empty();
		}

		/** The URL a healthcheck calls, if it is an HTTP check. */
		Optional<URI> healthcheckUrl() {
			return healthcheck().map((check) -> check.get("test")).flatMap((test) -> {
				List<String> words = new ArrayList<>();
				if (test instanceof List<?> list) {
					list.forEach((word) -> words.add(word.toString()));
				}
				else if (test != null) {
					words.addAll(List.of(test.toString().split("\\s+")));
				}
				return words.stream().filter((word) -> word.startsWith("http://")).findFirst().map(URI::create);
			});
		}

		List<String> ports() {
			Object ports = this.definition.get("ports");
			List<String> list = new ArrayList<>();
			if (ports instanceof List<?> entries) {
				entries.forEach((entry) -> list.add(entry.toString()));
			}
			return list;
		}

		List<String> volumes() {
			Object volumes = this.definition.get("volumes");
			List<String> list = new ArrayList<>();
			if (volumes instanceof List<?> entries) {
				entries.forEach((entry) -> list.add(entry.toString()));
			}
			return list;
		}

		List<String> networks() {
			Object networks = this.definition.get("networks");
			if (networks instanceof List<?> list) {
				return list.stream().map(Object::toString).toList();
			}
			if (networks instanceof Map<?, ?> map) {
				return map.keySet().stream().map(Object::toString).toList();
			}
			return List.of();
		}

		/**
		 * Each dependency with its condition (service_started when the short form is
		 * used).
		 */
		Map<String, String> dependsOn() {
			Map<String, String> dependencies = new LinkedHashMap<>();
			Object value = this.definition.get("depends_on");
			if (value instanceof List<?> list) {
				list.forEach((name) -> dependencies.put(name.toString(), "service_started"));
			}
			else if (value instanceof Map<?, ?> map) {
				map.forEach((name, settings) -> {
					Object condition = (settings instanceof Map<?, ?> s) ? s.get("condition") : null;
					dependencies.put(name.toString(), (condition != null) ? condition.toString() : "service_started");
				});
			}
			return dependencies;
		}

		/** The memory limit, from mem_limit or deploy.resources.limits.memory. */
		@SuppressWarnings("unchecked")
		Optional<String> memoryLimit() {
			Object limit = this.definition.get("mem_limit");
			if (limit == null && this.definition.get("deploy") instanceof Map<?, ?> deploy
					&& deploy.get("resources") instanceof Map<?, ?> resources
					&& resources.get("limits") instanceof Map<?, ?> limits) {
				limit = ((Map<String, Object>) limits).get("memory");
			}
			return Optional.ofNullable(limit).map(Object::toString);
		}

	}

}
