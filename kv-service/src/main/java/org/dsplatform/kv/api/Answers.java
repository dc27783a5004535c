package org.dsplatform.kv.api;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.dsplatform.kv.storage.KvResult;
import org.dsplatform.kv.storage.KvResult.Fenced;
import org.dsplatform.kv.storage.KvResult.KeyNotFound;
import org.dsplatform.kv.storage.KvResult.LeaseNotFound;
import org.dsplatform.kv.storage.KvResult.PreconditionFailed;

import org.springframework.http.HttpStatus;

/**
 * Turns the store's refusals into the API's problems.
 */
final class Answers {

	private Answers() {
	}

	/**
	 * Waits for the answer on the thread that took the request. Every call into the
	 * cluster is bounded by the request timeout, and answering on the same thread spares
	 * the asynchronous second dispatch through the whole servlet filter chain, which
	 * costs about as much as the request itself.
	 */
	static <T> T await(CompletableFuture<T> answer) {
		try {
			return answer.join();
		}
		catch (CompletionException ex) {
			if (ex.getCause() instanceof RuntimeException cause) {
				throw cause;
			}
			throw ex;
		}
	}

	/**
	 * The result itself if it is of the expected kind, else the problem it stands for.
	 */
	static <T extends KvResult> T expect(KvResult result, Class<T> type) {
		if (type.isInstance(result)) {
			return type.cast(result);
		}
		throw problem(result);
	}

	static KvProblemException problem(KvResult result) {
		if (result instanceof KeyNotFound notFound) {
			return new KvProblemException(HttpStatus.NOT_FOUND, KvProblemTypes.KEY_NOT_FOUND,
					"No key '" + notFound.key() + "'", Map.of("revision", notFound.revision()));
		}
		if (result instanceof PreconditionFailed failed) {
			return new KvProblemException(HttpStatus.CONFLICT, KvProblemTypes.PRECONDITION_FAILED,
					"The precondition on '" + failed.key() + "' does not hold; its version is "
							+ failed.currentVersion(),
					Map.of("currentVersion", failed.currentVersion(), "revision", failed.revision()));
		}
		if (result instanceof Fenced fenced) {
			return new KvProblemException(HttpStatus.CONFLICT, KvProblemTypes.FENCED,
					"Fencing token " + fenced.token() + " of lock '" + fenced.lockName()
							+ "' is older than the highest seen, " + fenced.highestToken(),
					Map.of("lockName", fenced.lockName(), "token", fenced.token(), "highestToken",
							fenced.highestToken()));
		}
		if (result instanceof LeaseNotFound notFound) {
			return new KvProblemException(HttpStatus.NOT_FOUND, KvProblemTypes.LEASE_NOT_FOUND,
					"No lease " + notFound.leaseId() + " (never granted, expired or revoked)",
					Map.of("leaseId", notFound.leaseId()));
		}
		throw new IllegalStateException("Unexpected result " + result);
	}

}
