package org.dsplatform.lock.lease;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Leases on named locks, shared by every node of the lock service.
 * <p>
 * <b>Ownership is a lease id, not a thread or a client.</b> A grant is a lease owned by a
 * random, unguessable lease id that the service generates and returns to the client.
 * Whoever presents the lease id may renew or release the lease, through any node; nobody
 * else can. The {@code owner} a client gives is a label shown to others, never a
 * credential. Nothing about a lease lives in a node's memory, so a node may die or be
 * replaced without affecting the leases it granted.
 * <p>
 * <b>Leases end on their own.</b> A lease not renewed before {@code expiresAt} ends then;
 * the next waiter gets the lock. Time is Redis's clock, the one clock all nodes share.
 * <p>
 * <b>Fencing.</b> Every grant carries a fencing token larger than the token of every
 * earlier grant of the same lock name (across the three primitives, node restarts and
 * Redis restarts; see {@link org.dsplatform.lock.fencing.FencingToken}). A lease can end
 * while its holder still believes it holds it (a long GC pause, a partition, a lost
 * renewal), so mutual exclusion by itself only holds while holders respect their
 * {@code expiresAt}; a resource that must never be written by two holders checks the
 * token and rejects a token older than one it has seen.
 * <p>
 * <b>Asynchrony.</b> Every method returns at once; the futures complete from Redis
 * callbacks and never block the caller. They complete exceptionally with
 * {@link LockConflictException} (not granted within the wait),
 * {@link LeaseNotHeldException} (renew or release with a lease id that holds nothing; the
 * lock is untouched), {@link SemaphoreNotFoundException},
 * {@link SemaphoreExistsException}, {@link RedisUnavailableException} (no grant, renewal
 * or release is reported unless Redis recorded it), {@link NodeShuttingDownException} or
 * {@link org.dsplatform.lock.fencing.EpochUnavailableException}. Cancelling an acquire
 * future stops the wait; a lease granted in the same instant is released again.
 * <p>
 * Implementations are thread-safe.
 */
public interface LockManager {

	/**
	 * Grants a lease as soon as the lock has room, waiting at most
	 * {@link AcquireRequest#maxWait()}.
	 */
	CompletableFuture<Lease> acquire(AcquireRequest request);

	/**
	 * Extends a live lease to {@code lease} from now (which may also shorten it). The
	 * fencing token stays the same.
	 */
	CompletableFuture<Lease> renew(LockId lock, String leaseId, Duration lease);

	/**
	 * Ends a live lease and wakes the lock's waiters at once.
	 */
	CompletableFuture<Void> release(LockId lock, String leaseId);

	/**
	 * The lock as it is now; a lock nobody holds has no holders (and, for a semaphore
	 * that is not defined, permits of -1).
	 */
	CompletableFuture<LockState> state(LockId lock);

	/**
	 * Held locks of one primitive whose names start with {@code prefix}, in name order.
	 */
	CompletableFuture<HeldLocks> list(Primitive primitive, String prefix, int limit);

	/**
	 * Defines a semaphore; completes with {@code true} if it was created, {@code false}
	 * if it existed with the same permits.
	 */
	CompletableFuture<Boolean> defineSemaphore(String name, int permits);

}
