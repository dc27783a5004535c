package org.dsplatform.system.deploy;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names a PromQL expression reads (and the labels it matches on each), for
 * checking dashboards and alert rules against what the services export. Grafana's
 * variables ({@code $node}, {@code $__rate_interval}) and its {@code label_values(metric,
 * label)} variable queries are understood. Not a PromQL parser: it knows what a name
 * cannot be (a function or aggregation, a keyword, a label in a grouping clause or
 * selector, a string, a number or a duration) and takes every other name for a metric.
 */
final class PromQl {

	private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`[^`]*`");

	private static final Pattern VARIABLE = Pattern.compile("\\$\\{[^}]*}|\\$\\w+");

	private static final Pattern LABEL_VALUES = Pattern
		.compile("label_values\\s*\\(([^,()]*(?:\\{[^}]*})?)\\s*,[^)]*\\)");

	private static final Pattern LABEL_VALUES_OF_LABEL = Pattern.compile("label_values\\s*\\(\\s*\\w+\\s*\\)");

	private static final Pattern RANGE = Pattern.compile("\\[[^\\]]*]");

	private static final Pattern SELECTOR = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)?\\s*\\{([^}]*)}");

	private static final Pattern MATCHER = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)\\s*(?:=~|!~|!=|=)");

	private static final Pattern GROUPING = Pattern
		.compile("\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");

	private static final Pattern NUMBER = Pattern.compile("(?<![a-zA-Z_:])\\d[\\w.]*");

	private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

	private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right",
			"bool", "and", "or", "unless", "offset", "atan2", "inf", "nan", "Inf", "NaN");

	private PromQl() {
	}

	/**
	 * Every metric the expression reads, with the label names its selectors match on
	 * (empty if it has no selector).
	 */
	static Map<String, Set<String>> metrics(String expression) {
		String text = STRING.matcher(expression).replaceAll("\"\"");
		text = VARIABLE.matcher(text).replaceAll("0");
		text = LABEL_VALUES.matcher(text).replaceAll("($1)");
		text = LABEL_VALUES_OF_LABEL.matcher(text).replaceAll("");
		text = RANGE.matcher(text).replaceAll("");
		Map<String, Set<String>> metrics = new LinkedHashMap<>();
		Matcher selector = SELECTOR.matcher(text);
		StringBuilder withoutSelectors = new StringBuilder();
		while (selector.find()) {
			String metric = selector.group(1);
			Set<String> labels = new LinkedHashSet<>();
			Matcher matcher = MATCHER.matcher(selector.group(2));
			while (matcher.find()) {
				labels.add(matcher.group(1));
			}
			if (metric != null && !KEYWORDS.contains(metric)) {
				metrics.computeIfAbsent(metric, (name) -> new LinkedHashSet<>()).addAll(labels);
			}
			selector.appendReplacement(withoutSelectors, " ");
		}
		selector.appendTail(withoutSelectors);
		text = GROUPING.matcher(withoutSelectors).replaceAll(" ");
		text = NUMBER.matcher(text).replaceAll(" ");
		Matcher name = NAME.matcher(text);
		while (name.find()) {
			String candidate = name.group();
			if (KEYWORDS.contains(candidate) || text.substring(name.end()).stripLeading().startsWith("(")) {
				continue;
			}
			metrics.computeIfAbsent(candidate, (key) -> new LinkedHashSet<>());
		}
		return metrics;
	}

}
