package org.dsplatform.system.deploy;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.dsplatform.system.deploy.ComposeFile.Service;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * The Prometheus configuration and the Grafana dashboards as files: they parse, they are
 * provisioned where compose mounts them, Prometheus scrapes every application, and the
 * PromQL in them can be read for metric names (compared with the running services in
 * {@link DeployedPlatformIntegrationTests}).
 */
class ObservabilityAssetsTests {

	@Test
	void readsMetricNamesAndMatchedLabelsFromPromQl() {
		assertThat(PromQl.metrics("sum by (routeId) (rate(spring_cloud_gateway_requests_seconds_count"
				+ "{outcome=\"SERVER_ERROR\",node=~\"$node\"}[$__rate_interval])) / ignoring (outcome) group_left "
				+ "sum by (routeId) (rate(spring_cloud_gateway_requests_seconds_count[5m]))"))
			.containsExactly(entry("spring_cloud_gateway_requests_seconds_count", Set.of("outcome", "node")));
		assertThat(PromQl.metrics("histogram_quantile(0.99, sum by (le, node) (rate(kv_apply_seconds_bucket[1m])))"))
			.containsOnlyKeys("kv_apply_seconds_bucket");
		assertThat(PromQl.metrics("scalar(max(kv_raft_commit_index)) - kv_raft_applied_index{node=~\"kv-.*\"} > 1e3"))
			.containsOnlyKeys("kv_raft_commit_index", "kv_raft_applied_index");
		assertThat(PromQl.metrics("min(cache_ring_members) < count(up{job=\"cache-service\"} == 1) offset 5m"))
			.containsOnlyKeys("cache_ring_members", "up");
		assertThat(PromQl.metrics("label_values(kv_raft_role, node)")).containsOnlyKeys("kv_raft_role");
		assertThat(PromQl.metrics("label_values(jvm_info{application=\"gateway\"}, node)"))
			.containsExactly(entry("jvm_info", Set.of("application")));
		assertThat(PromQl.metrics("kv_raft_role == bool 1 and on (node) kv_raft_term > 0"))
			.containsOnlyKeys("kv_raft_role", "kv_raft_term");
	}

	@Test
	void reportsAMetricOrALabelTheServicesDoNotExport() {
		Map<String, Map<String, Set<String>>> sources = Map.of("a.json",
				Map.of("kv_raft_role", Set.of("node"), "kv_raft_rolee", Set.of(), "up", Set.of("job")), "b.yml",
				Map.of("cache_hits_total", Set.of("nod", "instance")));
		Map<String, Set<String>> exported = Map.of("kv_raft_role", Set.of("application", "node"), "cache_hits_total",
				Set.of("application", "node"));
		assertThat(ObservabilityAssets.missing(sources, exported))
			.containsOnly(entry("a.json", Set.of("kv_raft_rolee")), entry("b.yml", Set.of("cache_hits_total{nod}")));
	}

	@Test
	void hasADashboardForTheOverviewRaftCacheLocksAndGatewayEachReadingPrometheus() {
		assertThat(ObservabilityAssets.dashboards()).extracting((file) -> file.getFileName().toString())
			.contains("platform-overview.json", "kv-raft.json", "cache-ring.json", "locks.json", "gateway.json");
		Set<String> uids = new HashSet<>();
		String datasource = datasourceUid();
		for (Path file : ObservabilityAssets.dashboards()) {
			JsonNode dashboard = ObservabilityAssets.dashboard(file);
			assertThat(uids.add(dashboard.path("uid").asString())).as(file + " uid").isTrue();
			assertThat(dashboard.path("title").asString()).as(file + " title").isNotBlank();
			assertThat(ObservabilityAssets.expressions(dashboard)).as(file + " queries").isNotEmpty();
			for (JsonNode panel : dashboard.path("panels")) {
				if (panel.path("type").asString().equals("row")) {
					continue;
				}
				assertThat(panel.path("datasource").path("uid").asString()).as(file + " " + panel.path("title"))
					.isEqualTo(datasource);
				assertThat(panel.path("targets")).as(file + " " + panel.path("title")).isNotEmpty();
				assertThat(panel.path("description").asString()).as(file + " " + panel.path("title") + " description")
					.isNotBlank();
			}
		}
	}

	@Test
	void provisionsTheDashboardsAndThePrometheusDatasourceWhereComposeMountsThem() {
		ComposeFile compose = ComposeFile.load();
		Service grafana = compose.service("grafana");
		Map<String, Object> provider = first(
				Project.yamlMap(Project.file("docker/grafana/provisioning/dashboards/dsplatform.yml"))
					.get("providers"));
		String dashboardsPath = String.valueOf(((Map<?, ?>) provider.get("options")).get("path"));
		assertThat(grafana.volumes()).contains("./docker/grafana/dashboards:" + dashboardsPath + ":ro",
				"./docker/grafana/provisioning:/etc/grafana/provisioning:ro");
		assertThat(grafana.environment().get("GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH"))
			.isEqualTo(dashboardsPath + "/platform-overview.json");
		Map<String, Object> datasource = first(
				Project.yamlMap(Project.file("docker/grafana/provisioning/datasources/prometheus.yml"))
					.get("datasources"));
		assertThat(datasource.get("url")).isEqualTo("http://prometheus:9090");
		assertThat(compose.service("prometheus").networks()).containsAnyElementsOf(grafana.networks());
		assertThat(grafana.environment()).containsEntry("GF_AUTH_ANONYMOUS_ENABLED", "false");
	}

	@Test
	@SuppressWarnings("unchecked")
	void scrapesEveryApplicationOfTheComposeFileAtItsPrometheusEndpoint() {
		ComposeFile compose = ComposeFile.load();
		assertThat(compose.service("prometheus").volumes()).contains("./docker/prometheus:/etc/prometheus:ro");
		Map<String, Object> prometheus = Project.yamlMap(Project.file("docker/prometheus/prometheus.yml"));
		Set<String> scraped = new TreeSet<>();
		for (Object job : (List<Object>) prometheus.get("scrape_configs")) {
			Map<String, Object> config = (Map<String, Object>) job;
			String name = String.valueOf(config.get("job_name"));
			if (!Project.SERVICES.contains(name)) {
				continue;
			}
			assertThat(config.get("metrics_path")).as(name).isEqualTo("/actuator/prometheus");
			Set<String> targets = new TreeSet<>();
			for (Object staticConfig : (List<Object>) config.get("static_configs")) {
				targets.addAll((List<String>) ((Map<String, Object>) staticConfig).get("targets"));
			}
			Set<String> expected = new TreeSet<>();
			compose.servicesOf(name).forEach((service) -> expected.add(service.name() + ":8080"));
			assertThat(targets).as(name + " targets").isEqualTo(expected);
			scraped.add(name);
		}
		assertThat(scraped).containsExactlyInAnyOrderElementsOf(Project.SERVICES);
		assertThat(ObservabilityAssets.ruleFiles()).isNotEmpty()
			.allSatisfy((file) -> assertThat(file).as("rule file").exists());
	}

	@Test
	void givesEveryAlertRuleAnExpressionOnAMetric() {
		for (Path file : ObservabilityAssets.ruleFiles()) {
			ObservabilityAssets.ruleExpressions(file).forEach((rule, expression) -> {
				assertThat(PromQl.metrics(expression)).as(rule).isNotEmpty();
			});
		}
	}

	@Test
	@SuppressWarnings("unchecked")
	void scrapesThePlatformOnKubernetesUnderTheSameJobNamesAsInCompose() {
		Map<String, Object> values = Project.yamlMap(Project.file("k8s/monitoring/kube-prometheus-stack-values.yaml"));
		Map<String, Object> job = first(
				((Map<String, Object>) ((Map<String, Object>) values.get("prometheus")).get("prometheusSpec"))
					.get("additionalScrapeConfigs"));
		Map<String, Object> discovery = first(job.get("kubernetes_sd_configs"));
		assertThat(discovery).containsEntry("role", "pod");
		assertThat((Map<String, Object>) discovery.get("namespaces")).containsEntry("names", List.of("dsplatform"));
		List<Map<String, Object>> relabels = (List<Map<String, Object>>) job.get("relabel_configs");
		assertThat(relabels).anySatisfy((relabel) -> {
			assertThat(relabel.get("source_labels"))
				.isEqualTo(List.of("__meta_kubernetes_pod_label_app_kubernetes_io_name"));
			assertThat(relabel.get("target_label")).isEqualTo("job");
		});
		assertThat(relabels)
			.anySatisfy((relabel) -> assertThat(relabel.get("target_label")).isEqualTo("__metrics_path__"));
	}

	private static String datasourceUid() {
		Map<String, Object> datasource = first(
				Project.yamlMap(Project.file("docker/grafana/provisioning/datasources/prometheus.yml"))
					.get("datasources"));
		return String.valueOf(datasource.get("uid"));
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> first(Object list) {
		return (Map<String, Object>) ((List<Object>) list).get(0);
	}

}
