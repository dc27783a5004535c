package org.dsplatform.system.deploy;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.dsplatform.system.deploy.ComposeFile.Service;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code docker-compose.yml} read as Compose reads it, and checked against the services:
 * health checks, profiles, published ports, dependencies, limits, and above all that the
 * {@code compose} profile of every service points at the names this file gives the
 * others.
 */
class ComposeFileTests {

	static ComposeFile compose;

	@BeforeAll
	static void load() {
		compose = ComposeFile.load();
	}

	@Test
	void healthChecksAndLimitsTheMemoryOfEveryService() {
		assertThat(compose.services()).isNotEmpty();
		for (Service service : compose.services().values()) {
			assertThat(service.healthcheck()).as(service.name() + " healthcheck").isPresent();
			assertThat(service.healthcheck().get().get("test")).as(service.name() + " healthcheck test").isNotNull();
			assertThat(service.memoryLimit()).as(service.name() + " memory limit").isPresent();
		}
	}

	@Test
	void runsTheWholePlatformWithTheComposeProfile() {
		assertThat(compose.servicesOf("kv-service")).extracting(Service::name)
			.containsExactlyInAnyOrder("kv-1", "kv-2", "kv-3");
		assertThat(compose.servicesOf("cache-service")).hasSize(3);
		assertThat(compose.servicesOf("lock-service")).hasSize(2);
		assertThat(compose.servicesOf("gateway")).extracting(Service::name).containsExactly("gateway");
		assertThat(compose.services()).containsKeys("kafka", "redis", "prometheus", "grafana");
		for (Service app : compose.applications()) {
			assertThat(app.environment()).as(app.name()).containsEntry("SPRING_PROFILES_ACTIVE", "compose");
			assertThat(app.healthcheckUrl()).as(app.name() + " checks readiness")
				.hasValue(URI.create("http://localhost:8080/actuator/health/readiness"));
		}
	}

	@Test
	void publishesOnlyTheGatewayAndTheConsolesOnlyOnLoopback() {
		Map<String, List<String>> published = new LinkedHashMap<>();
		compose.services().values().stream().filter((service) -> !service.ports().isEmpty()).forEach((service) -> {
			published.put(service.name(), service.ports());
		});
		assertThat(published).containsOnlyKeys("gateway", "prometheus", "grafana");
		assertThat(published.get("gateway")).containsExactly("8080:8080");
		assertThat(published.get("prometheus")).allSatisfy((port) -> assertThat(port).startsWith("127.0.0.1:"));
		assertThat(published.get("grafana")).allSatisfy((port) -> assertThat(port).startsWith("127.0.0.1:"));
	}

	@Test
	void keepsEverythingButTheGatewayAndTheConsolesOnTheInternalNetwork() {
		@SuppressWarnings("unchecked")
		Map<String, Object> networks = (Map<String, Object>) Project.yamlMap(Project.file("docker-compose.yml"))
			.get("networks");
		assertThat(networks).containsKey("backend");
		assertThat(((Map<?, ?>) networks.get("backend")).get("internal")).isEqualTo(true);
		for (Service service : compose.services().values()) {
			if (!Set.of("gateway", "prometheus", "grafana").contains(service.name())) {
				assertThat(service.networks()).as(service.name()).containsExactly("backend");
			}
		}
	}

	@Test
	void startsEachServiceWhenWhatItDependsOnIsHealthy() {
		for (Service service : compose.services().values()) {
			service.dependsOn().forEach((dependency, condition) -> {
				assertThat(condition).as(service.name() + " -> " + dependency).isEqualTo("service_healthy");
				assertThat(compose.service(dependency).healthcheck()).as(dependency).isPresent();
			});
		}
		assertThat(compose.service("gateway").dependsOn().keySet()).containsAll(compose.applications()
			.stream()
			.filter((app) -> !app.name().equals("gateway"))
			.map(Service::name)
			.toList());
	}

	@Test
	void setsOnlyEnvironmentVariablesThatConfigureTheService() {
		assertThat(unknownEnvironmentVariables(compose)).isEmpty();
	}

	@Test
	void wouldRejectAnEnvironmentVariableThatConfiguresNothing() {
		Map<String, Object> document = Project.yamlMap(Project.file("docker-compose.yml"));
		Map<String, Object> kv = service(document, "kv-1");
		Map<String, Object> environment = new LinkedHashMap<>(compose.service("kv-1").environment());
		environment.put("KV_RAFT_PEERZ", "kv-1=kv-1:9100");
		environment.put("JAVA_OPTS", "-Xmx1g");
		kv.put("environment", environment);
		assertThat(unknownEnvironmentVariables(new ComposeFile(document)))
			.containsExactlyInAnyOrder("kv-1: KV_RAFT_PEERZ", "kv-1: JAVA_OPTS");
	}

	@Test
	void knowsThePropertiesOfEachServiceByRelaxedBinding() {
		ConfigurationPropertyCatalog kv = ConfigurationPropertyCatalog.of("kv-service");
		assertThat(
				kv.unknown(List.of("KV_RAFT_PEERS", "KV_RAFT_SNAPSHOTTHRESHOLD", "KV_DATADIR", "SPRING_PROFILES_ACTIVE",
						"SPRING_KAFKA_BOOTSTRAPSERVERS", "SERVER_PORT", "MANAGEMENT_ENDPOINTS_WEB_EXPOSURE_INCLUDE",
						"LOGGING_LEVEL_ORG_APACHE_RATIS", "PLATFORM_NODEID", "HOSTNAME")))
			.isEmpty();
		assertThat(kv.unknown(List.of("KV_RAFT_PEER", "SPRING_DATA_REDIS_HOST", "POD_IP", "JAVA_TOOL_OPTIONS")))
			.containsExactly("KV_RAFT_PEER", "SPRING_DATA_REDIS_HOST", "POD_IP", "JAVA_TOOL_OPTIONS");
		ConfigurationPropertyCatalog gateway = ConfigurationPropertyCatalog.of("gateway");
		assertThat(gateway.unknown(
				List.of("GATEWAY_CACHERING_KVURLS", "SPRING_CLOUD_DISCOVERY_CLIENT_SIMPLE_INSTANCES_CACHESERVICE_0_URI",
						"SPRING_CLOUD_GATEWAY_SERVER_WEBFLUX_HTTPCLIENT_CONNECTTIMEOUT")))
			.isEmpty();
		assertThat(gateway.unknown(List.of("SPRING_KAFKA_BOOTSTRAPSERVERS", "SPRING_CLOUD_GATEWAY_ROUTES_0_ID")))
			.as("the gateway has no Kafka client; the old route prefix is not bound")
			.containsExactly("SPRING_KAFKA_BOOTSTRAPSERVERS", "SPRING_CLOUD_GATEWAY_ROUTES_0_ID");
		assertThat(ConfigurationPropertyCatalog.of("cache-service").unknown(List.of("POD_IP", "CACHE_ADVERTISEDURL")))
			.isEmpty();
		assertThat(ConfigurationPropertyCatalog.of("lock-service")
			.unknown(List.of("SPRING_DATA_REDIS_HOST", "LOCKS_KVURL", "LOCKS_EVENTS_TOPIC"))).isEmpty();
	}

	@Test
	void pointsTheComposeProfileOfEveryServiceAtTheComposeServices() {
		assertThat(composeProfileProblems(compose)).isEmpty();
	}

	@Test
	void wouldNoticeACacheNodeTheGatewayDoesNotKnow() {
		Map<String, Object> document = Project.yamlMap(Project.file("docker-compose.yml"));
		@SuppressWarnings("unchecked")
		Map<String, Object> services = (Map<String, Object>) document.get("services");
		Map<String, Object> renamed = new LinkedHashMap<>(service(document, "cache-service-3"));
		renamed.put("hostname", "cache-3");
		services.remove("cache-service-3");
		services.put("cache-3", renamed);
		assertThat(composeProfileProblems(new ComposeFile(document)))
			.anySatisfy((problem) -> assertThat(problem).contains("gateway").contains("cache-service instances"));
	}

	@Test
	void givesEachKvNodeItsOwnVolumeAtItsDataDirectory() {
		Set<String> volumes = new TreeSet<>();
		for (Service kv : compose.servicesOf("kv-service")) {
			Map<String, String> properties = ServiceConfiguration.of("kv-service")
				.effective("compose", Map.of("HOSTNAME", kv.hostname()));
			String dataDir = properties.get("kv.data-dir");
			List<String> mounted = kv.volumes().stream().filter((volume) -> volume.endsWith(":" + dataDir)).toList();
			assertThat(mounted).as(kv.name() + " volume at " + dataDir).hasSize(1);
			String volume = mounted.get(0).substring(0, mounted.get(0).indexOf(':'));
			assertThat(compose.volumes()).as("named volume " + volume).containsKey(volume);
			assertThat(volumes.add(volume)).as(volume + " shared").isTrue();
		}
		assertThat(compose.service("redis").volumes()).anySatisfy((volume) -> assertThat(volume).endsWith(":/data"));
		assertThat(String.join(" ", asStrings(compose.service("redis").definition().get("command"))))
			.contains("--appendonly yes");
	}

	@Test
	void runsKafkaAsOneKraftBrokerWithSingleReplicaInternalTopics() {
		Map<String, String> kafka = compose.service("kafka").environment();
		assertThat(kafka).containsEntry("KAFKA_PROCESS_ROLES", "broker,controller")
			.containsEntry("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "1")
			.containsEntry("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "1")
			.containsEntry("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "1")
			.containsEntry("KAFKA_MIN_INSYNC_REPLICAS", "1")
			.containsEntry("KAFKA_ADVERTISED_LISTENERS", "PLAINTEXT://kafka:9092");
	}

	/**
	 * Every environment variable of an application that names no property of it, as
	 * {@code service: VARIABLE}.
	 */
	static List<String> unknownEnvironmentVariables(ComposeFile compose) {
		List<String> unknown = new ArrayList<>();
		for (Service app : compose.applications()) {
			ConfigurationPropertyCatalog catalog = ConfigurationPropertyCatalog.of(app.module());
			catalog.unknown(app.environment().keySet())
				.forEach((variable) -> unknown.add(app.name() + ": " + variable));
		}
		return unknown;
	}

	/**
	 * What would not work if the compose file ran: each application's effective
	 * {@code compose} profile (with HOSTNAME as the container sees it, and the compose
	 * environment) must name the services this file defines, on the ports they listen on.
	 */
	static List<String> composeProfileProblems(ComposeFile compose) {
		List<String> problems = new ArrayList<>();
		Map<String, Map<String, String>> effective = new LinkedHashMap<>();
		for (Service app : compose.applications()) {
			if (app.hostname() == null || !app.hostname().equals(app.name())) {
				problems.add(app.name() + ": hostname must equal the service name (the node id is ${HOSTNAME}, "
						+ "and only service names resolve in the compose network)");
				continue;
			}
			Map<String, String> environment = new HashMap<>(app.environment());
			environment.put("HOSTNAME", app.hostname());
			Map<String, String> properties = ServiceConfiguration.of(app.module()).effective("compose", environment);
			environment.forEach((name, value) -> {
				if (!name.equals("HOSTNAME")) {
					properties.put(name, value);
				}
			});
			effective.put(app.name(), properties);
			if (!"8080".equals(properties.get("server.port"))) {
				problems.add(app.name() + ": server.port is " + properties.get("server.port")
						+ ", the healthcheck and the other services use 8080");
			}
			if (!app.name().equals(properties.get("platform.node-id"))) {
				problems.add(app.name() + ": platform.node-id is " + properties.get("platform.node-id"));
			}
		}
		List<String> kvNodes = names(compose.servicesOf("kv-service"));
		List<String> cacheNodes = names(compose.servicesOf("cache-service"));
		List<String> lockNodes = names(compose.servicesOf("lock-service"));
		Set<String> kvUrls = urls(kvNodes);
		Map<String, String> cacheMembers = cacheNodes.stream()
			.collect(Collectors.toMap((name) -> name, (name) -> "http://" + name + ":8080", (a, b) -> a,
					LinkedHashMap::new));
		String kafka = compose.services().containsKey("kafka") ? compose.service("kafka")
			.environment()
			.getOrDefault("KAFKA_ADVERTISED_LISTENERS", "")
			.replace("PLAINTEXT://", "") : "(no kafka service)";
		effective.forEach((name, properties) -> {
			String module = compose.service(name).module();
			if (!module.equals("gateway") && !kafka.equals(properties.get("spring.kafka.bootstrap-servers"))) {
				problems.add(name + ": spring.kafka.bootstrap-servers is "
						+ properties.get("spring.kafka.bootstrap-servers") + ", Kafka advertises " + kafka);
			}
			switch (module) {
				case "kv-service" -> {
					Map<String, String> peers = ServiceConfiguration.pairs(properties, "kv.raft.peers");
					Map<String, String> expected = new LinkedHashMap<>();
					kvNodes.forEach((node) -> expected.put(node, node + ":9100"));
					if (!peers.equals(expected)) {
						problems.add(name + ": kv.raft.peers " + peers + " are not the kv services " + expected);
					}
				}
				case "cache-service" -> {
					if (!("http://" + name + ":8080").equals(properties.get("cache.advertised-url"))) {
						problems.add(name + ": cache.advertised-url " + properties.get("cache.advertised-url")
								+ " is not this service's address");
					}
					check(problems, name, "cache.kv-urls",
							Set.copyOf(ServiceConfiguration.list(properties, "cache.kv-urls")), kvUrls);
					checkSeeds(problems, name, "cache.seed-members",
							ServiceConfiguration.pairs(properties, "cache.seed-members"), cacheMembers);
				}
				case "lock-service" -> {
					if (!"http://gateway:8080".equals(properties.get("locks.kv-url"))
							|| !compose.services().containsKey("gateway")) {
						problems.add(name + ": locks.kv-url " + properties.get("locks.kv-url") + " is not the gateway");
					}
					if (!compose.services().containsKey(properties.get("spring.data.redis.host"))
							|| !"6379".equals(properties.get("spring.data.redis.port"))) {
						problems.add(name + ": Redis at " + properties.get("spring.data.redis.host") + ":"
								+ properties.get("spring.data.redis.port") + " is not the redis service");
					}
				}
				case "gateway" -> {
					String instances = "spring.cloud.discovery.client.simple.instances.";
					check(problems, name, "kv-service instances", uris(properties, instances + "kv-service"), kvUrls);
					check(problems, name, "lock-service instances", uris(properties, instances + "lock-service"),
							urls(lockNodes));
					Map<String, String> cacheInstances = new LinkedHashMap<>();
					for (int i = 0; properties.containsKey(instances + "cache-service[" + i + "].uri"); i++) {
						String prefix = instances + "cache-service[" + i + "].";
						String nodeId = properties.get(prefix + "metadata.node-id");
						if (nodeId == null || !nodeId.equals(properties.get(prefix + "instance-id"))) {
							problems.add(name + ": cache-service instance " + i
									+ " needs instance-id and metadata.node-id, both the node's id");
						}
						cacheInstances.put(String.valueOf(nodeId), properties.get(prefix + "uri"));
					}
					check(problems, name, "cache-service instances (node-id=uri)", cacheInstances, cacheMembers);
					check(problems, name, "gateway.cache-ring.kv-urls",
							Set.copyOf(ServiceConfiguration.list(properties, "gateway.cache-ring.kv-urls")), kvUrls);
					checkSeeds(problems, name, "gateway.cache-ring.seed-members",
							ServiceConfiguration.pairs(properties, "gateway.cache-ring.seed-members"), cacheMembers);
				}
				default -> problems.add(name + ": unknown module " + module);
			}
		});
		return problems;
	}

	private static Set<String> uris(Map<String, String> properties, String list) {
		Set<String> uris = new TreeSet<>();
		for (int i = 0; properties.containsKey(list + "[" + i + "].uri"); i++) {
			uris.add(properties.get(list + "[" + i + "].uri"));
		}
		return uris;
	}

	/**
	 * Seeds are optional (the ring comes from the registry in the KV), but seeds that
	 * name other nodes than the compose services would route keys to nodes that do not
	 * exist.
	 */
	private static void checkSeeds(List<String> problems, String service, String what, Map<String, String> seeds,
			Map<String, String> members) {
		if (!seeds.isEmpty()) {
			check(problems, service, what, seeds, members);
		}
	}

	private static void check(List<String> problems, String service, String what, Object actual, Object expected) {
		if (!actual.equals(expected)) {
			problems.add(service + ": " + what + " " + actual + " do not match the compose services " + expected);
		}
	}

	private static List<String> names(List<Service> services) {
		return services.stream().map(Service::name).toList();
	}

	private static Set<String> urls(List<String> names) {
		return names.stream().map((name) -> "http://" + name + ":8080").collect(Collectors.toSet());
	}

	private static List<String> asStrings(Object value) {
		return (value instanceof List<?> list) ? list.stream().map(Object::toString).toList()
				: List.of(String.valueOf(value));
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> service(Map<String, Object> document, String name) {
		Map<String, Object> services = (Map<String, Object>) document.get("services");
		Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) services.get(name));
		services.put(name, copy);
		return copy;
	}

}
