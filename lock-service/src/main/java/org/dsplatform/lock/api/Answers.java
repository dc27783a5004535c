package org.dsplatform.lock.api;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.dsplatform.lock.lease.Failures;
import org.dsplatform.lock.lease.RedisUnavailableException;

/**
 * Answers a request that does not wait for a lock (renew, release, state, list, define,
 * and an acquire with no wait) on the thread that took it. Such a request is one Redis
 * script, bounded by the Redis timeout, so holding the thread costs little, and it spares
 * the second, asynchronous dispatch through the container and the filter chain that a
 * deferred answer takes. Acquires that may wait for a lock answer through
 * {@link Deferred} and hold no thread while they wait.
 */
final class Answers {

	private Answers() {
	}

	/**
	 * The future's value, or its failure rethrown as it was raised.
	 * @throws RedisUnavailableException when no answer comes within
	 * {@link Deferred#MARGIN}
	 */
	static <T> T await(CompletableFuture<T> answer) {
		try {
			return answer.get(Deferred.MARGIN.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			answer.cancel(false);
			throw new RedisUnavailableException("Redis did not answer within " + Deferred.MARGIN.toSeconds() + " s",
					ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			answer.cancel(false);
			throw new RedisUnavailableException("Interrupted while waiting for Redis", ex);
		}
		catch (ExecutionException | CancellationException ex) {
			Throwable cause = Failures.unwrap(ex);
			if (cause instanceof RuntimeException runtime) {
				throw runtime;
			}
			if (cause instanceof Error error) {
				throw error;
			}
			throw new CompletionException(cause);
		}
	}

}
