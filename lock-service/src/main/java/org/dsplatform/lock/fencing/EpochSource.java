package org.dsplatform.lock.fencing;

import java.util.concurrent.CompletableFuture;

/**
 * Hands out fencing epochs.
 * <p>
 * Contract: every epoch returned is strictly greater than every epoch this source (or any
 * other instance backed by the same store) returned before, across restarts of the lock
 * service and of Redis, and lies between 1 and {@link FencingToken#MAX_EPOCH}. A new
 * epoch is needed only when Redis may have lost fencing counters, so calls are rare and
 * may be slow; they must not block the calling thread. Failures complete the future
 * exceptionally (no epoch is ever guessed).
 */
public interface EpochSource {

	CompletableFuture<Long> nextEpoch();

}
