package org.dsplatform.lock.lease;

import java.util.concurrent.CompletableFuture;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.dsplatform.lock.fencing.EpochSource;
import org.dsplatform.lock.fencing.EpochUnavailableException;
import org.dsplatform.lock.fencing.FencingToken;
import org.dsplatform.lock.lease.LuaScripts.Script;

/**
 * Installs a new fencing epoch in Redis when a grant script finds none for the running
 * Redis process. One fetch at a time per node: every acquisition that meets the missing
 * epoch meanwhile joins it, so a Redis restart costs one epoch per node, not one per
 * waiter. Two nodes that fetch at once both try to install theirs; the script keeps the
 * first and both use it.
 */
final class EpochGuard {

	private static final Log log = LogFactory.getLog(EpochGuard.class);

	private final EpochSource source;

	private final LuaScripts scripts;

	private final LockMetrics metrics;

	private CompletableFuture<Void> inFlight;

	EpochGuard(EpochSource source, LuaScripts scripts, LockMetrics metrics) {
		this.source = source;
		this.scripts = scripts;
		this.metrics = metrics;
	}

	/**
	 * Completes once an epoch for the running Redis process is installed, by this node or
	 * another.
	 */
	CompletableFuture<Void> refresh() {
		CompletableFuture<Void> mine = new CompletableFuture<>();
		synchronized (this) {
			if (this.inFlight != null) {
				return this.inFlight;
			}
			this.inFlight = mine;
		}
		fetch().thenCompose(this::install).whenComplete((ignored, failure) -> {
			synchronized (this) {
				this.inFlight = null;
			}
			if (failure != null) {
				mine.completeExceptionally(asEpochFailure(failure));
			}
			else {
				mine.complete(null);
			}
		});
		return mine;
	}

	private CompletableFuture<Long> fetch() {
		try {
			return this.source.nextEpoch();
		}
		catch (RuntimeException ex) {
			return CompletableFuture.failedFuture(ex);
		}
	}

	private CompletableFuture<Void> install(long epoch) {
		if (epoch < 1 || epoch > FencingToken.MAX_EPOCH) {
			return CompletableFuture.failedFuture(new EpochUnavailableException(
					"The epoch source answered " + epoch + ", outside 1.." + FencingToken.MAX_EPOCH));
		}
		return this.scripts.run(Script.EPOCH, epoch).thenApply((reply) -> {
			long outcome = LuaScripts.number(reply.get(0));
			String current = LuaScripts.text(reply.get(1));
			if (outcome < 0) {
				log.error("Refusing fencing epoch " + epoch + ": it is not above the previous epoch " + current
						+ "; the epoch source does not grow");
				throw new EpochUnavailableException(
						"The epoch source answered " + epoch + ", not above the previous epoch " + current);
			}
			if (outcome > 0) {
				this.metrics.epochChanged();
				log.info("Installed fencing epoch " + epoch + " (Redis had none for its current run)");
			}
			return null;
		});
	}

	private static RuntimeException asEpochFailure(Throwable failure) {
		Throwable cause = Failures.unwrap(failure);
		if (cause instanceof EpochUnavailableException epoch) {
			return epoch;
		}
		RuntimeException translated = RedissonLockManager.translate(cause);
		if (translated instanceof RedisUnavailableException) {
			return translated;
		}
		return new EpochUnavailableException("No fencing epoch could be obtained: " + cause.getMessage(), cause);
	}

}
