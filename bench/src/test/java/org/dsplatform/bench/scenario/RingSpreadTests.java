package org.dsplatform.bench.scenario;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RingSpreadTests {

	@Test
	void movesAboutAQuarterOfTheKeysAllToTheNewMember() {
		RingSpread spread = RingSpread.compute(List.of("cache-1", "cache-2", "cache-3"), "cache-4", 1000, 100_000);

		assertThat(spread.before()).containsOnlyKeys("cache-1", "cache-2", "cache-3");
		assertThat(spread.before().values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(100_000);
		assertThat(spread.after().values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(100_000);
		assertThat(spread.movedToNewMember()).isEqualTo(spread.moved());
		assertThat(spread.moved()).isEqualTo(spread.after().get("cache-4").longValue());
		assertThat(spread.movedFraction()).isBetween(0.2, 0.3);
		assertThat(RingSpread.maxOverMean(spread.before())).isBetween(1.0, 1.1);
	}

	@Test
	void maxOverMeanOfAnEvenSpreadIsOne() {
		assertThat(RingSpread.maxOverMean(java.util.Map.of("a", 5, "b", 5))).isEqualTo(1.0);
	}

}
