package org.dsplatform.lock.api;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import org.dsplatform.lock.lease.Failures;

import org.springframework.web.context.request.async.DeferredResult;

/**
 * Answers a request from a future without holding a servlet thread while it runs. If the
 * client goes away or the request times out, the future is cancelled, which ends a wait
 * for a lock.
 */
final class Deferred {

	/** Beyond the wait itself: time for Redis to answer the last attempt. */
	static final Duration MARGIN = Duration.ofSeconds(10);

	private Deferred() {
	}

	/**
	 * An answer that waits for the future, or, when {@code wait} is zero (one attempt,
	 * one Redis script), the future's value at once: {@link SettledAnswers} then writes
	 * it on the request's thread. A failure is rethrown here, as a synchronous handler's
	 * would be.
	 */
	static <T> DeferredResult<T> of(CompletableFuture<T> future, Duration wait) {
		if (wait.isZero()) {
			DeferredResult<T> settled = new DeferredResult<>();
			settled.setResult(Answers.await(future));
			return settled;
		}
		DeferredResult<T> result = new DeferredResult<>(wait.plus(MARGIN).toMillis());
		result.onTimeout(() -> future.cancel(false));
		result.onError((ex) -> future.cancel(false));
		future.whenComplete((value, failure) -> {
			if (failure != null) {
				result.setErrorResult(Failures.unwrap(failure));
			}
			else {
				result.setResult(value);
			}
		});
		return result;
	}

}
