package org.dsplatform.bench.scenario;

import java.util.List;
import java.util.OptionalDouble;

import org.dsplatform.bench.scenario.OverheadGoals.Outcome;
import org.dsplatform.bench.scenario.OverheadGoals.Verdict;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OverheadGoalsTests {

	@Test
	void metWhenTheGatewayKeepsSixTenthsOfDirectAheadOfNginxAndAddsAtMostTwoMillisecondsOfP99() {
		List<Verdict> verdicts = OverheadGoals.PLATFORM.judge(0.6, OptionalDouble.of(0.47), 2.0);

		assertThat(verdicts).extracting(Verdict::goal)
			.containsExactly("gateway/direct >= 0.6", "gateway/direct > nginx/direct",
					"gateway added p99 <= 2 ms at half load");
		assertThat(verdicts).extracting(Verdict::describe)
			.containsExactly("met (0.60)", "met (0.60 vs 0.47)", "met (+2.00 ms)");
		assertThat(OverheadGoals.overall(verdicts)).isEqualTo("all 3 met");
	}

	@Test
	void notMetWhenBelowTheShareBehindNginxOrSlower() {
		List<Verdict> verdicts = OverheadGoals.PLATFORM.judge(0.23, OptionalDouble.of(0.47), 2.01);

		assertThat(verdicts).extracting(Verdict::describe)
			.containsExactly("not met (0.23)", "not met (0.23 vs 0.47)", "not met (+2.01 ms)");
		assertThat(OverheadGoals.overall(verdicts)).isEqualTo("0 of 3 met");
	}

	@Test
	void isNotAheadOfNginxWhenMerelyEqual() {
		assertThat(OverheadGoals.PLATFORM.judge(0.5, OptionalDouble.of(0.5), 1.0)).extracting(Verdict::outcome)
			.containsExactly(Outcome.NOT_MET, Outcome.NOT_MET, Outcome.MET);
	}

	@Test
	void leavesTheComparisonWithNginxUncheckedWithoutNginx() {
		List<Verdict> verdicts = OverheadGoals.PLATFORM.judge(0.7, OptionalDouble.empty(), -0.3);

		assertThat(verdicts.get(1).describe()).isEqualTo("not checked (nginx not measured)");
		assertThat(verdicts.get(2).describe()).isEqualTo("met (-0.30 ms)");
		assertThat(OverheadGoals.overall(verdicts)).isEqualTo("2 of 2 checked met, 1 not checked");
	}

}
