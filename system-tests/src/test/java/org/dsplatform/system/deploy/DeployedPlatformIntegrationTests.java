package org.dsplatform.system.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import io.kubernetes.client.common.KubernetesObject;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1PodTemplateSpec;
import io.kubernetes.client.openapi.models.V1Probe;
import io.kubernetes.client.openapi.models.V1StatefulSet;
import org.dsplatform.launcher.LocalPlatform;
import org.dsplatform.launcher.ProcessStatus;
import org.dsplatform.launcher.StartupListener;
import org.dsplatform.launcher.Topology;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The deployment assets against running services: the whole platform started by the
 * launcher on free ports, used a little so that lazily created metrics exist, then every
 * node's {@code /actuator/prometheus} scraped. Every metric (and matched label) a Grafana
 * dashboard or a Prometheus rule reads must be exported, and every path a probe, a
 * healthcheck or a scrape calls must be served.
 */
class DeployedPlatformIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	@TempDir
	static Path runDir;

	static LocalPlatform platform;

	static Topology topology;

	static final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

	/** Node URLs of each service module. */
	static final Map<String, List<String>> nodes = new LinkedHashMap<>();

	/** Metric name to the label names of its series, over every node. */
	static final Map<String, Set<String>> exported = new TreeMap<>();

	@BeforeAll
	static void startPlatformAndScrapeIt() throws Exception {
		topology = Topology.onFreePorts(3, 3, 2);
		// Rate limits on, as compose and Kubernetes run the gateway, so that their
		// metrics exist (API keys stay off: the exercise below sends none).
		List<String> options = new ArrayList<>(LocalPlatform.QUICK_START_JVM_OPTIONS);
		options.add("-Dgateway.limits.rate-limit.enabled=true");
		platform = LocalPlatform.create(Project.root(), runDir, topology, options);
		platform.start(new StartupListener() {
		}, Duration.ofSeconds(240));
		for (ProcessStatus status : platform.status()) {
			if (status.url().startsWith("http")) {
				nodes.computeIfAbsent(module(status.name()), (key) -> new ArrayList<>()).add(status.url());
			}
		}
		exercise(topology.gatewayUrl());
		for (Map.Entry<String, List<String>> service : nodes.entrySet()) {
			for (String node : service.getValue()) {
				Reply scrape = get(node + "/actuator/prometheus");
				assertThat(scrape.status()).as(node).isEqualTo(200);
				ObservabilityAssets.exposition(scrape.body())
					.forEach((metric, labels) -> exported.computeIfAbsent(metric, (key) -> new TreeSet<>())
						.addAll(labels));
			}
		}
		write("exported-metrics.txt",
				exported.entrySet().stream().map((entry) -> entry.getKey() + " " + entry.getValue()).toList());
	}

	@AfterAll
	static void stopPlatform() {
		if (platform != null) {
			platform.stop();
		}
	}

	@Test
	void exportsEveryMetricTheDashboardsAndAlertRulesRead() {
		Map<String, Map<String, Set<String>>> used = ObservabilityAssets.metricsBySource();
		assertThat(used.values().stream().mapToInt(Map::size).sum()).isGreaterThan(20);
		write("used-metrics.txt",
				used.entrySet().stream().map((entry) -> entry.getKey() + " " + entry.getValue()).toList());
		Map<String, Set<String>> missing = ObservabilityAssets.missing(used, exported);
		assertThat(missing)
			.as("Metrics (or metric{label}) the dashboards and rules read but no running service exports; "
					+ "system-tests/target/exported-metrics.txt and used-metrics.txt list both sides")
			.isEmpty();
	}

	@Test
	void wouldReportAMetricOrALabelNoServiceExports() {
		Map<String, Map<String, Set<String>>> used = Map.of("broken.json", PromQl
			.metrics("sum by (node) (kv_raft_role{node=~\"$node\"}) + kv_raft_rolle + cache_hits_total{nodde=\"x\"}"));
		assertThat(ObservabilityAssets.missing(used, exported)).containsOnlyKeys("broken.json")
			.extractingByKey("broken.json")
			.isEqualTo(Set.of("kv_raft_rolle", "cache_hits_total{nodde}"));
	}

	@Test
	void servesEveryPathTheKubernetesProbesCall() {
		Map<String, Set<String>> paths = new TreeMap<>();
		for (KubernetesObject object : baseObjects()) {
			V1PodTemplateSpec template = (object instanceof V1Deployment deployment)
					? deployment.getSpec().getTemplate()
					: (object instanceof V1StatefulSet set) ? set.getSpec().getTemplate() : null;
			if (template == null) {
				continue;
			}
			for (V1Container container : template.getSpec().getContainers()) {
				String module = container.getImage().replaceFirst("^dsplatform/", "").replaceFirst(":.*$", "");
				for (V1Probe probe : new V1Probe[] { container.getStartupProbe(), container.getLivenessProbe(),
						container.getReadinessProbe() }) {
					if (probe != null && probe.getHttpGet() != null) {
						paths.computeIfAbsent(module, (key) -> new TreeSet<>()).add(probe.getHttpGet().getPath());
					}
				}
			}
		}
		assertThat(paths).containsOnlyKeys(Project.SERVICES);
		assertServed(paths);
	}

	@Test
	void servesEveryPathTheComposeHealthchecksCall() {
		Map<String, Set<String>> paths = new TreeMap<>();
		for (ComposeFile.Service app : ComposeFile.load().applications()) {
			URI url = app.healthcheckUrl().orElseThrow(() -> new AssertionError(app.name() + " has no HTTP check"));
			paths.computeIfAbsent(app.module(), (key) -> new TreeSet<>()).add(url.getPath());
		}
		assertThat(paths).containsOnlyKeys(Project.SERVICES);
		assertServed(paths);
	}

	@Test
	@SuppressWarnings("unchecked")
	void servesThePathPrometheusScrapesOnEveryNode() {
		Map<String, Object> prometheus = Project.yamlMap(Project.file("docker/prometheus/prometheus.yml"));
		for (Object job : (List<Object>) prometheus.get("scrape_configs")) {
			Map<String, Object> config = (Map<String, Object>) job;
			String module = String.valueOf(config.get("job_name"));
			if (!nodes.containsKey(module)) {
				continue;
			}
			for (String node : nodes.get(module)) {
				Reply scrape = get(node + config.get("metrics_path"));
				assertThat(scrape.status()).as(node).isEqualTo(200);
				assertThat(scrape.body()).as(node).contains("application=\"" + module + "\"");
			}
		}
	}

	/** A record of what was compared, under target/ for whoever reads a failure. */
	private static void write(String name, List<String> lines) {
		try {
			Path file = Path.of("target", name);
			Files.createDirectories(file.getParent());
			Files.write(file, lines);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void assertServed(Map<String, Set<String>> paths) {
		paths.forEach((module, served) -> {
			for (String node : nodes.get(module)) {
				for (String path : served) {
					assertThat(get(node + path).status()).as(module + " " + node + path).isEqualTo(200);
				}
			}
		});
	}

	/** The objects of the base kustomization, read as written (no kubectl needed). */
	@SuppressWarnings("unchecked")
	private static List<KubernetesObject> baseObjects() {
		Path base = Project.file("k8s/base");
		List<KubernetesObject> objects = new ArrayList<>();
		for (Object resource : (List<Object>) Project.yamlMap(base.resolve("kustomization.yaml")).get("resources")) {
			objects.addAll(KubernetesManifests.parseFile(base.resolve(resource.toString())));
		}
		return objects;
	}

	/**
	 * Uses every service a little, so that metrics registered on first use exist: KV
	 * writes, reads, a range and a conditional write that fails; cache writes, hits,
	 * misses and read-through; a lock granted, refused after waiting, and released.
	 */
	private static void exercise(String gateway) {
		for (int i = 0; i < 6; i++) {
			assertThat(put(gateway + "/api/kv/keys/deploy/key-" + i, "{\"value\":\"v" + i + "\"}").status())
				.isEqualTo(200);
			assertThat(get(gateway + "/api/kv/keys/deploy/key-" + i).status()).isEqualTo(200);
			assertThat(put(gateway + "/api/cache/keys/deploy-" + i, "{\"value\":\"c" + i + "\"}").status())
				.isEqualTo(200);
			// Hits, misses and read-through fills: that the cache answers matters
			// here, what it answers is checked by the system test.
			assertThat(get(gateway + "/api/cache/keys/deploy-" + i).status()).isIn(200, 404);
			assertThat(get(gateway + "/api/cache/keys/deploy/key-" + i + "?source=kv").status()).isEqualTo(200);
			assertThat(get(gateway + "/api/cache/keys/absent-" + i).status()).isEqualTo(404);
		}
		assertThat(get(gateway + "/api/kv/keys?prefix=deploy/").status()).isEqualTo(200);
		assertThat(put(gateway + "/api/kv/keys/deploy/key-0?expectedVersion=0", "{\"value\":\"x\"}").status())
			.isEqualTo(409);
		Reply granted = post(gateway + "/api/locks/mutex/deploy-lock/acquire", "{\"owner\":\"a\",\"leaseMs\":10000}");
		assertThat(granted.status()).as(granted.body()).isEqualTo(200);
		assertThat(post(gateway + "/api/locks/mutex/deploy-lock/acquire",
				"{\"owner\":\"b\",\"leaseMs\":10000,\"waitMs\":200}")
			.status()).isEqualTo(409);
		String leaseId = granted.body().replaceFirst(".*\"leaseId\":\"([^\"]+)\".*", "$1");
		assertThat(post(gateway + "/api/locks/mutex/deploy-lock/release", "{\"leaseId\":\"" + leaseId + "\"}").status())
			.isEqualTo(204);
	}

	private static String module(String processName) {
		if (processName.equals("gateway")) {
			return "gateway";
		}
		String prefix = processName.replaceFirst("-\\d+$", "");
		return switch (prefix) {
			case "kv" -> "kv-service";
			case "cache" -> "cache-service";
			case "lock" -> "lock-service";
			default -> throw new IllegalStateException("unknown process " + processName);
		};
	}

	private static Reply get(String url) {
		return send(HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).GET().build());
	}

	private static Reply put(String url, String json) {
		return send(HttpRequest.newBuilder(URI.create(url))
			.timeout(TIMEOUT)
			.header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString(json))
			.build());
	}

	private static Reply post(String url, String json) {
		return send(HttpRequest.newBuilder(URI.create(url))
			.timeout(TIMEOUT)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build());
	}

	private static Reply send(HttpRequest request) {
		try {
			HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
			return new Reply(response.statusCode(), response.body());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(request.uri() + ": " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	record Reply(int status, String body) {
	}

}
