package org.dsplatform.bench.scenario;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JsonTests {

	@Test
	void escapesWhatAJsonStringCannotHoldAsIs() {
		assertThat(Json.string("plain")).isEqualTo("\"plain\"");
		assertThat(Json.string("a\"b\\c\nd\u0001")).isEqualTo("\"a\\\"b\\\\c\\nd\\u0001\"");
	}

	@Test
	void picksTheFirstStringOrNumberFieldOfAName() {
		String status = "{\"header\":{\"raft_term\":\"2\"},\"version\":\"3.4.23\",\"leader\":\"123\",\"raftTerm\":\"2\"}";

		assertThat(Json.field(status, "version")).contains("3.4.23");
		assertThat(Json.field(status, "raftTerm")).contains("2");
		assertThat(Json.field("{\"term\": 7}", "term")).contains("7");
		assertThat(Json.field(status, "missing")).isEmpty();
	}

	@Test
	void findsTheLargestValueOfANumericFieldAnywhere() {
		String cluster = "{\"leaderId\":\"kv-2\",\"members\":[{\"id\":\"kv-1\",\"term\":3},{\"id\":\"kv-2\",\"term\":4},"
				+ "{\"id\":\"kv-3\",\"term\":\"2\"}]}";

		assertThat(Json.maxNumber(cluster, "term")).contains(4L);
		assertThat(Json.maxNumber(cluster, "index")).isEmpty();
	}

}
