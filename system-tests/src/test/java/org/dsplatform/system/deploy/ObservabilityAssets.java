package org.dsplatform.system.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Grafana dashboards ({@code docker/grafana/dashboards/*.json}) and the Prometheus
 * alert rules ({@code docker/prometheus/*.yml}), and the PromQL expressions in them.
 */
final class ObservabilityAssets {

	/** Series Prometheus makes itself for every target; no service exports them. */
	static final Set<String> SYNTHETIC_METRICS = Set.of("up", "scrape_duration_seconds", "scrape_samples_scraped");

	/** Labels Prometheus adds to every series of a target. */
	static final Set<String> TARGET_LABELS = Set.of("job", "instance");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private ObservabilityAssets() {
	}

	static List<Path> dashboards() {
		try (Stream<Path> files = Files.list(Project.file("docker/grafana/dashboards"))) {
			return files.filter((file) -> file.toString().endsWith(".json")).sorted().toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static JsonNode dashboard(Path file) {
		return JSON.readTree(Project.read(file));
	}

	/**
	 * Every PromQL expression of a dashboard: panel targets (rows' nested panels
	 * included) and query variables.
	 */
	static List<String> expressions(JsonNode dashboard) {
		List<String> expressions = new ArrayList<>();
		collectTargets(dashboard.path("panels"), expressions);
		for (JsonNode variable : dashboard.path("templating").path("list")) {
			if (variable.path("type").asString("").equals("query")) {
				JsonNode query = variable.path("query");
				expressions.add(query.isObject() ? query.path("query").asString() : query.asString());
			}
		}
		return expressions;
	}

	private static void collectTargets(JsonNode panels, List<String> expressions) {
		for (JsonNode panel : panels) {
			for (JsonNode target : panel.path("targets")) {
				if (target.has("expr")) {
					expressions.add(target.path("expr").asString());
				}
			}
			collectTargets(panel.path("panels"), expressions);
		}
	}

	/** The alert and recording rule files Prometheus loads. */
	@SuppressWarnings("unchecked")
	static List<Path> ruleFiles() {
		Map<String, Object> prometheus = Project.yamlMap(Project.file("docker/prometheus/prometheus.yml"));
		List<Path> files = new ArrayList<>();
		for (Object file : (List<Object>) prometheus.getOrDefault("rule_files", List.of())) {
			String name = Path.of(file.toString()).getFileName().toString();
			files.add(Project.file("docker/prometheus/" + name));
		}
		return files;
	}

	/** Every rule's expression, by rule name. */
	@SuppressWarnings("unchecked")
	static Map<String, String> ruleExpressions(Path file) {
		Map<String, String> expressions = new LinkedHashMap<>();
		for (Object group : (List<Object>) Project.yamlMap(file).get("groups")) {
			for (Object rule : (List<Object>) ((Map<String, Object>) group).get("rules")) {
				Map<String, Object> map = (Map<String, Object>) rule;
				Object name = map.containsKey("alert") ? map.get("alert") : map.get("record");
				expressions.put(String.valueOf(name), String.valueOf(map.get("expr")));
			}
		}
		return expressions;
	}

	/**
	 * Every metric each dashboard and rule file reads, with the labels matched on it, by
	 * file name.
	 */
	static Map<String, Map<String, Set<String>>> metricsBySource() {
		Map<String, Map<String, Set<String>>> sources = new TreeMap<>();
		for (Path dashboard : dashboards()) {
			Map<String, Set<String>> metrics = new TreeMap<>();
			expressions(dashboard(dashboard)).forEach((expression) -> merge(metrics, PromQl.metrics(expression)));
			sources.put(dashboard.getFileName().toString(), metrics);
		}
		for (Path rules : ruleFiles()) {
			Map<String, Set<String>> metrics = new TreeMap<>();
			ruleExpressions(rules).values().forEach((expression) -> merge(metrics, PromQl.metrics(expression)));
			sources.put(rules.getFileName().toString(), metrics);
		}
		return sources;
	}

	/**
	 * What the sources read that the exported metrics do not have: metric names, and
	 * labels matched on a metric that none of its series carries. Empty if all exist.
	 */
	static Map<String, Set<String>> missing(Map<String, Map<String, Set<String>>> sources,
			Map<String, Set<String>> exported) {
		Map<String, Set<String>> missing = new TreeMap<>();
		sources.forEach((source, metrics) -> metrics.forEach((metric, labels) -> {
			if (SYNTHETIC_METRICS.contains(metric)) {
				return;
			}
			if (!exported.containsKey(metric)) {
				missing.computeIfAbsent(source, (key) -> new TreeSet<>()).add(metric);
				return;
			}
			for (String label : labels) {
				if (!TARGET_LABELS.contains(label) && !exported.get(metric).contains(label)) {
					missing.computeIfAbsent(source, (key) -> new TreeSet<>()).add(metric + "{" + label + "}");
				}
			}
		}));
		return missing;
	}

	/**
	 * The metric names and label names of a Prometheus text exposition.
	 */
	static Map<String, Set<String>> exposition(String text) {
		Map<String, Set<String>> metrics = new TreeMap<>();
		for (String line : text.split("\n")) {
			if (line.isBlank() || line.startsWith("#")) {
				continue;
			}
			int brace = line.indexOf('{');
			int space = line.indexOf(' ');
			int end = (brace >= 0 && (space < 0 || brace < space)) ? brace : space;
			String name = line.substring(0, end);
			Set<String> labels = metrics.computeIfAbsent(name, (key) -> new LinkedHashSet<>());
			if (end == brace) {
				String body = line.substring(brace + 1, line.lastIndexOf('}'));
				java.util.regex.Matcher label = java.util.regex.Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"")
					.matcher(body);
				while (label.find()) {
					labels.add(label.group(1));
				}
			}
		}
		return metrics;
	}

	private static void merge(Map<String, Set<String>> into, Map<String, Set<String>> metrics) {
		metrics.forEach((metric, labels) -> into.computeIfAbsent(metric, (key) -> new TreeSet<>()).addAll(labels));
	}

}
