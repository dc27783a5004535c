package org.dsplatform.bench.scenario;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class DurationConverterTests {

	private final DurationConverter converter = new DurationConverter();

	@Test
	void readsTheShortFormsAndIso8601() {
		assertThat(this.converter.convert("500ms")).isEqualTo(Duration.ofMillis(500));
		assertThat(this.converter.convert("15s")).isEqualTo(Duration.ofSeconds(15));
		assertThat(this.converter.convert("2m")).isEqualTo(Duration.ofMinutes(2));
		assertThat(this.converter.convert("1h")).isEqualTo(Duration.ofHours(1));
		assertThat(this.converter.convert("PT1.5S")).isEqualTo(Duration.ofMillis(1500));
	}

	@Test
	void rejectsANumberWithoutAUnit() {
		assertThatExceptionOfType(TypeConversionException.class).isThrownBy(() -> this.converter.convert("15"))
			.withMessageContaining("15s, 500ms");
	}

	@Test
	void writesTheShortForm() {
		assertThat(DurationConverter.format(Duration.ofSeconds(15))).isEqualTo("15s");
		assertThat(DurationConverter.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
	}

}
