package org.dsplatform.bench.load;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class InFlightTests {

	@Test
	void refusesToGoBeyondItsBound() {
		InFlight inFlight = new InFlight();

		assertThat(inFlight.tryAcquire(2)).isTrue();
		assertThat(inFlight.tryAcquire(2)).isTrue();
		assertThat(inFlight.tryAcquire(2)).isFalse();
		inFlight.release();
		assertThat(inFlight.tryAcquire(2)).isTrue();
		assertThat(inFlight.get()).isEqualTo(2);
	}

	@Test
	void givesUpWaitingForZeroAtTheDeadline() {
		InFlight inFlight = new InFlight();
		inFlight.tryAcquire(1);

		assertThat(inFlight.awaitZero(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50))).isFalse();
	}

	@Test
	void wakesTheWaiterWhenTheLastRequestIsReleased() throws Exception {
		InFlight inFlight = new InFlight();
		inFlight.tryAcquire(1);
		CompletableFuture<Boolean> zero = new CompletableFuture<>();
		Thread waiter = new Thread(
				() -> zero.complete(inFlight.awaitZero(System.nanoTime() + TimeUnit.SECONDS.toNanos(30))));
		waiter.start();
		long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
		while (waiter.getState() != Thread.State.TIMED_WAITING && System.nanoTime() < giveUp) {
			Thread.onSpinWait();
		}

		inFlight.release();

		assertThat(zero.get(5, TimeUnit.SECONDS)).isTrue();
	}

}
