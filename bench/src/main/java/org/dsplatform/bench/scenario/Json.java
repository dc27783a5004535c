package org.dsplatform.bench.scenario;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The little JSON the scenarios write and read without a JSON library: string literals,
 * and single fields picked out of small answers for a report. Not a parser: a field is
 * found by name wherever it first occurs.
 */
final class Json {

	private Json() {
	}

	/**
	 * A JSON string literal.
	 * @param text the text
	 * @return the text in double quotes, escaped
	 */
	static String string(String text) {
		StringBuilder out = new StringBuilder(text.length() + 2).append('"');
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
				case '"' -> out.append("\\\"");
				case '\\' -> out.append("\\\\");
				case '\n' -> out.append("\\n");
				case '\r' -> out.append("\\r");
				case '\t' -> out.append("\\t");
				default -> {
					if (c < 0x20) {
						out.append(String.format("\\u%04x", (int) c));
					}
					else {
						out.append(c);
					}
				}
			}
		}
		return out.append('"').toString();
	}

	/**
	 * The first value of a field that is a string or a number (etcd's gateway writes
	 * 64-bit numbers as strings).
	 * @param json the document
	 * @param name the field's name
	 * @return the value without quotes, or empty if there is no such field
	 */
	static Optional<String> field(String json, String name) {
		Matcher matcher = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*(?:\"([^\"]*)\"|(-?\\d+))")
			.matcher(json);
		if (!matcher.find()) {
			return Optional.empty();
		}
		return Optional.of((matcher.group(1) != null) ? matcher.group(1) : matcher.group(2));
	}

	/**
	 * The largest value of a numeric field, wherever it occurs, such as the highest
	 * {@code term} among the members of a cluster.
	 * @param json the document
	 * @param name the field's name
	 * @return the largest value, or empty if there is no such field
	 */
	static Optional<Long> maxNumber(String json, String name) {
		Matcher matcher = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*\"?(-?\\d+)").matcher(json);
		Long max = null;
		while (matcher.find()) {
			long value = Long.parseLong(matcher.group(1));
			max = (max == null) ? value : Math.max(max, value);
		}
		return Optional.ofNullable(max);
	}

}
