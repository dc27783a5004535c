package org.dsplatform.common.request;

import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class StrictJsonBodiesTests {

	private final JsonMapper strict = StrictJsonBodies.strict(JsonMapper.builder().build());

	record Body(String name, Long count, Boolean flag) {

	}

	@Test
	void readsAWellTypedBody() {
		assertThat(this.strict.readValue("{\"name\":\"a\",\"count\":5,\"flag\":true}", Body.class))
			.isEqualTo(new Body("a", 5L, true));
		assertThat(this.strict.readValue("{\"name\":null}", Body.class)).isEqualTo(new Body(null, null, null));
	}

	@Test
	void refusesValuesOfTheWrongJsonType() {
		for (String body : new String[] { "{\"count\":\"5\"}", "{\"count\":5.5}", "{\"count\":true}", "{\"count\":[5]}",
				"{\"count\":{}}", "{\"name\":5}", "{\"name\":1.5}", "{\"name\":true}", "{\"name\":[\"a\"]}",
				"{\"name\":{}}", "{\"flag\":1}", "{\"flag\":\"true\"}", "[]", "\"text\"", "5" }) {
			assertThatExceptionOfType(JacksonException.class).as(body)
				.isThrownBy(() -> this.strict.readValue(body, Body.class));
		}
	}

	@Test
	void refusesUnknownAndRepeatedFieldsAndTrailingContent() {
		for (String body : new String[] { "{\"name\":\"a\",\"nmae\":\"b\"}", "{\"name\":\"a\",\"name\":\"b\"}",
				"{\"name\":\"a\"} {\"name\":\"b\"}", "{\"name\":\"a\"} trailing" }) {
			assertThatExceptionOfType(JacksonException.class).as(body)
				.isThrownBy(() -> this.strict.readValue(body, Body.class));
		}
	}

	@Test
	void refusesNumbersThatOverflowTheirType() {
		assertThatExceptionOfType(JacksonException.class)
			.isThrownBy(() -> this.strict.readValue("{\"count\":99999999999999999999}", Body.class));
	}

	@Test
	void writesAsTheOriginalMapperDoes() {
		JsonMapper lenient = JsonMapper.builder().build();
		Map<String, Object> answer = Map.of("name", "a", "count", 5);
		assertThat(this.strict.writeValueAsString(answer)).isEqualTo(lenient.writeValueAsString(answer));
	}

}
