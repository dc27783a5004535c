package org.dsplatform.bench.load;

import java.net.ConnectException;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OutcomeTests {

	@Test
	void countsEvery2xxStatusAsSuccess() {
		assertThat(Outcome.ofStatus(200).isSuccess()).isTrue();
		assertThat(Outcome.ofStatus(204).isSuccess()).isTrue();
		assertThat(Outcome.ofStatus(304).errorKind()).isEqualTo("HTTP 304");
		assertThat(Outcome.ofStatus(503).errorKind()).isEqualTo("HTTP 503");
	}

	@Test
	void namesAFailureAfterItsNearestPublicTopLevelClass() {
		assertThat(Outcome.kindOf(new TimeoutException())).isEqualTo("TimeoutException");
		assertThat(Outcome.kindOf(new HiddenConnectException())).isEqualTo("ConnectException");
		assertThat(Outcome.kindOf(new ConnectException() {
		})).isEqualTo("ConnectException");
	}

	private static final class HiddenConnectException extends ConnectException {

	}

}
