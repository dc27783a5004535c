package org.dsplatform.bench.scenario;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads durations the way people type them ({@code 15s}, {@code 500ms}, {@code 2m},
 * {@code 1h}) as well as ISO-8601 ({@code PT15S}), and writes them back in the short
 * form.
 */
final class DurationConverter implements ITypeConverter<Duration> {

	private static final Pattern SHORT = Pattern.compile("(\\d+)(ms|s|m|h)");

	@Override
	public Duration convert(String value) {
		Matcher matcher = SHORT.matcher(value.trim());
		if (matcher.matches()) {
			long amount = Long.parseLong(matcher.group(1));
			switch (matcher.group(2)) {
				case "ms":
					return Duration.ofMillis(amount);
				case "s":
					return Duration.ofSeconds(amount);
				case "m":
					return Duration.ofMinutes(amount);
				default:
					return Duration.ofHours(amount);
			}
		}
		try {
			return Duration.parse(value.trim());
		}
		catch (DateTimeParseException ex) {
			throw new TypeConversionException(
					"'" + value + "' is not a duration; write it as 15s, 500ms, 2m, 1h or PT15S");
		}
	}

	static String format(Duration duration) {
		long millis = duration.toMillis();
		return (millis % 1000 == 0) ? (millis / 1000) + "s" : millis + "ms";
	}

}
