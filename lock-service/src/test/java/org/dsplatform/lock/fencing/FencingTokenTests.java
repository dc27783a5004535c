package org.dsplatform.lock.fencing;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class FencingTokenTests {

	@Test
	void putsTheEpochAboveThirtyTwoBitsOfCounter() {
		long token = FencingToken.of(3, 7);

		assertThat(token).isEqualTo(3L * (1L << 32) + 7);
		assertThat(FencingToken.epoch(token)).isEqualTo(3);
		assertThat(FencingToken.counter(token)).isEqualTo(7);
	}

	@Test
	void ranksEveryTokenOfANewEpochAboveEveryTokenOfAnOlderOne() {
		assertThat(FencingToken.of(2, 1)).isGreaterThan(FencingToken.of(1, FencingToken.MAX_COUNTER));
	}

	@Test
	void staysPositiveAtTheLargestEpochAndCounter() {
		long largest = FencingToken.of(FencingToken.MAX_EPOCH, FencingToken.MAX_COUNTER);

		assertThat(largest).isEqualTo(Long.MAX_VALUE);
		assertThat(FencingToken.of(1, 1)).isPositive();
	}

	@Test
	void refusesPartsTheLayoutCannotHold() {
		assertThatIllegalArgumentException().isThrownBy(() -> FencingToken.of(0, 1));
		assertThatIllegalArgumentException().isThrownBy(() -> FencingToken.of(FencingToken.MAX_EPOCH + 1, 1));
		assertThatIllegalArgumentException().isThrownBy(() -> FencingToken.of(1, 0));
		assertThatIllegalArgumentException().isThrownBy(() -> FencingToken.of(1, FencingToken.MAX_COUNTER + 1));
	}

}
