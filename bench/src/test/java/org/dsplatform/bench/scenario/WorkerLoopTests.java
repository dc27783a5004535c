package org.dsplatform.bench.scenario;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.dsplatform.bench.load.RunResult;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WorkerLoopTests {

	@Test
	void runsEachSequenceNumberOnceUpToTheLimit() throws Exception {
		Set<Long> seen = ConcurrentHashMap.newKeySet();
		RunResult result = WorkerLoop.run(4, Duration.ZERO, Duration.ofSeconds(5), 500,
				(worker, iteration, sequence) -> assertThat(seen.add(sequence)).isTrue());

		assertThat(seen).hasSize(500);
		assertThat(result.requests()).isEqualTo(500);
		assertThat(result.errors()).isZero();
	}

	@Test
	void countsFailuresByKindAndLatencyOfSuccesses() throws Exception {
		RunResult result = WorkerLoop.run(2, Duration.ofMillis(100), Duration.ofMillis(300), 0,
				(worker, iteration, sequence) -> {
					Thread.sleep(2);
					if (sequence % 2 == 0) {
						throw new BlockingHttp.StatusException(409);
					}
				});

		assertThat(result.errorsByKind()).containsOnlyKeys("HTTP 409");
		assertThat(result.successes()).isPositive();
		assertThat(result.p50()).isGreaterThanOrEqualTo(2.0);
		assertThat(result.measured()).isBetween(Duration.ofMillis(250), Duration.ofMillis(400));
	}

}
