package org.dsplatform.bench.report;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import org.dsplatform.bench.load.RunResult;

/**
 * The outcome of one scenario: where and how it ran, its runs in tables, and the few
 * figures that answer the scenario's question. Renders as a compact console table and as
 * a Markdown document. Immutable.
 */
public final class Report {

	private static final DateTimeFormatter FILE_STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT);

	private final String scenario;

	private final String title;

	private final ZonedDateTime startedAt;

	private final Machine machine;

	private final String commandLine;

	private final Map<String, String> parameters;

	private final List<ResultTable> tables;

	private final Map<String, String> summary;

	private final List<String> notes;

	private final Map<String, String> listings;

	private Report(Builder builder) {
		this.scenario = builder.scenario;
		this.title = builder.title;
		this.startedAt = builder.startedAt;
		this.machine = builder.machine;
		this.commandLine = builder.commandLine;
		this.parameters = Collections.unmodifiableMap(new LinkedHashMap<>(builder.parameters));
		this.tables = List.copyOf(builder.tables);
		this.summary = Collections.unmodifiableMap(new LinkedHashMap<>(builder.summary));
		this.notes = List.copyOf(builder.notes);
		this.listings = Collections.unmodifiableMap(new LinkedHashMap<>(builder.listings));
	}

	/**
	 * Starts a report.
	 * @param scenario the scenario's command name, which also starts the report's file
	 * name
	 * @param title the report's heading
	 * @param startedAt when the scenario started, which ends the report's file name
	 * @param machine the machine it ran on
	 * @return a builder
	 */
	public static Builder builder(String scenario, String title, ZonedDateTime startedAt, Machine machine) {
		return new Builder(scenario, title, startedAt, machine);
	}

	/**
	 * The file name the report is written under.
	 * @return {@code <scenario>-<yyyyMMdd-HHmmss>.md}, stamped with the start time
	 */
	public String fileName() {
		return this.scenario + "-" + stamp(this.startedAt) + ".md";
	}

	/**
	 * The time stamp of report file names, for files written beside a report.
	 * @param time the time
	 * @return such as {@code 20250307-140509}
	 */
	public static String stamp(ZonedDateTime time) {
		return FILE_STAMP.format(time);
	}

	/**
	 * The first table and the summary, for a terminal.
	 * @return lines separated by {@code \n}
	 */
	public String toConsole() {
		StringBuilder out = new StringBuilder();
		if (!this.tables.isEmpty()) {
			List<ResultRow> rows = this.tables.get(0).rows();
			List<List<String>> cells = new ArrayList<>();
			cells.add(List.of("mode", "target", "req/s", "p50 ms", "p99 ms", "p99.9 ms", "errors"));
			for (ResultRow row : rows) {
				RunResult result = row.result();
				cells.add(List.of(row.mode(), row.target(), throughput(result.throughput()), millis(result.p50()),
						millis(result.p99()), millis(result.p999()), Long.toString(result.errors())));
			}
			appendAligned(out, cells);
			for (ResultRow row : rows) {
				if (!row.result().errorsByKind().isEmpty()) {
					out.append("errors, ")
						.append(row.mode())
						.append(" ")
						.append(row.target())
						.append(": ")
						.append(errorKinds(row.result()))
						.append('\n');
				}
			}
		}
		if (!this.summary.isEmpty()) {
			out.append('\n');
			int width = this.summary.keySet().stream().mapToInt(String::length).max().orElse(0);
			this.summary.forEach(
					(name, value) -> out.append(pad(name + ":", width + 1)).append(' ').append(value).append('\n'));
		}
		return out.toString();
	}

	/**
	 * The whole report as Markdown.
	 * @return the document
	 */
	public String toMarkdown() {
		StringBuilder out = new StringBuilder();
		out.append("# ").append(this.title).append("\n\n");
		out.append("- Started: ")
			.append(this.startedAt.truncatedTo(ChronoUnit.SECONDS).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME))
			.append('\n');
		out.append("- Machine: ").append(this.machine.describe()).append('\n');
		out.append("- Command: `").append(this.commandLine).append("`\n");
		if (!this.parameters.isEmpty()) {
			out.append("\n## Parameters\n\n| parameter | value |\n|---|---|\n");
			this.parameters
				.forEach((name, value) -> out.append("| ").append(name).append(" | ").append(value).append(" |\n"));
		}
		if (!this.summary.isEmpty()) {
			out.append("\n## Summary\n\n");
			this.summary
				.forEach((name, value) -> out.append("- ").append(name).append(": ").append(value).append('\n'));
		}
		for (ResultTable table : this.tables) {
			out.append("\n## ").append(table.heading()).append("\n\n");
			out.append(
					"| mode | target | requests | errors | req/s | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms |\n");
			out.append("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|\n");
			for (ResultRow row : table.rows()) {
				RunResult result = row.result();
				out.append("| ")
					.append(String.join(" | ", row.mode(), row.target(), Long.toString(result.requests()),
							Long.toString(result.errors()), throughput(result.throughput()), millis(result.p50()),
							millis(result.p90()), millis(result.p99()), millis(result.p999()), millis(result.max())))
					.append(" |\n");
			}
			List<ResultRow> failing = table.rows()
				.stream()
				.filter((row) -> !row.result().errorsByKind().isEmpty())
				.collect(Collectors.toList());
			if (!failing.isEmpty()) {
				out.append("\nErrors by kind:\n\n");
				failing.forEach((row) -> out.append("- ")
					.append(row.mode())
					.append(", ")
					.append(row.target())
					.append(": ")
					.append(errorKinds(row.result()))
					.append('\n'));
			}
		}
		if (!this.notes.isEmpty()) {
			out.append("\n## Method\n\n");
			this.notes.forEach((note) -> out.append("- ").append(note).append('\n'));
		}
		this.listings.forEach((heading, text) -> out.append("\n## ")
			.append(heading)
			.append("\n\n```\n")
			.append(text.endsWith("\n") ? text : text + "\n")
			.append("```\n"));
		return out.toString();
	}

	public static String throughput(double requestsPerSecond) {
		return String.format(Locale.ROOT, "%.0f", requestsPerSecond);
	}

	public static String millis(double millis) {
		return String.format(Locale.ROOT, "%.2f", millis);
	}

	private static String errorKinds(RunResult result) {
		return result.errorsByKind()
			.entrySet()
			.stream()
			.map((entry) -> entry.getKey() + " x" + entry.getValue())
			.collect(Collectors.joining(", "));
	}

	private static void appendAligned(StringBuilder out, List<List<String>> cells) {
		int columns = cells.get(0).size();
		int[] widths = new int[columns];
		for (List<String> row : cells) {
			for (int i = 0; i < columns; i++) {
				widths[i] = Math.max(widths[i], row.get(i).length());
			}
		}
		for (List<String> row : cells) {
			StringBuilder line = new StringBuilder();
			for (int i = 0; i < columns; i++) {
				// Text columns align left, figures right.
				String cell = (i < 2) ? pad(row.get(i), widths[i]) : padLeft(row.get(i), widths[i]);
				line.append(cell).append((i < columns - 1) ? "  " : "");
			}
			out.append(line.toString().stripTrailing()).append('\n');
		}
	}

	private static String pad(String text, int width) {
		return text + " ".repeat(Math.max(0, width - text.length()));
	}

	private static String padLeft(String text, int width) {
		return " ".repeat(Math.max(0, width - text.length())) + text;
	}

	/**
	 * Collects a report's parts in the order they are to appear.
	 */
	public static final class Builder {

		private final String scenario;

		private final String title;

		private final ZonedDateTime startedAt;

		private final Machine machine;

		private String commandLine = "";

		private final Map<String, String> parameters = new LinkedHashMap<>();

		private final List<ResultTable> tables = new ArrayList<>();

		private final Map<String, String> summary = new LinkedHashMap<>();

		private final List<String> notes = new ArrayList<>();

		private final Map<String, String> listings = new LinkedHashMap<>();

		private Builder(String scenario, String title, ZonedDateTime startedAt, Machine machine) {
			this.scenario = Objects.requireNonNull(scenario, "scenario");
			this.title = Objects.requireNonNull(title, "title");
			this.startedAt = Objects.requireNonNull(startedAt, "startedAt");
			this.machine = Objects.requireNonNull(machine, "machine");
		}

		public Builder commandLine(String commandLine) {
			this.commandLine = commandLine;
			return this;
		}

		public Builder parameter(String name, Object value) {
			this.parameters.put(name, String.valueOf(value));
			return this;
		}

		/**
		 * Adds a table; the first one added is the one the console shows.
		 * @param heading the section heading
		 * @param rows the runs
		 * @return this builder
		 */
		public Builder table(String heading, List<ResultRow> rows) {
			this.tables.add(new ResultTable(heading, rows));
			return this;
		}

		public Builder summary(String name, String value) {
			this.summary.put(name, value);
			return this;
		}

		public Builder note(String note) {
			this.notes.add(note);
			return this;
		}

		/**
		 * Adds a text to the end of the Markdown report, verbatim, such as a
		 * configuration file the run used; the console does not show it.
		 * @param heading the section heading
		 * @param text the text
		 * @return this builder
		 */
		public Builder listing(String heading, String text) {
			this.listings.put(heading, text);
			return this;
		}

		public Report build() {
			return new Report(this);
		}

	}

}
