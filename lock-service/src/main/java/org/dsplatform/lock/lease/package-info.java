/**
 * Leases on named locks (mutexes, read-write locks, semaphores) kept in Redis: who holds
 * what, until when, with which fencing token.
 * <h2>Guarantees</h2>
 * <ul>
 * <li><b>Mutual exclusion, in Redis's view.</b> At any instant of Redis's clock, a mutex
 * has at most one live lease, a read-write lock either one write lease or any number of
 * read leases, a semaphore at most its number of permits. Every grant, renewal and
 * release is one atomic script, and a grant is reported only when Redis answered it.</li>
 * <li><b>Not more than that without fencing.</b> A holder learns that its lease ended
 * only when it asks. A client paused (GC, swap, partition) past its {@code expiresAt}
 * still believes it holds the lock while the next holder already does. A resource that
 * must not be written by two holders must check the fencing token: the KV store rejects a
 * write whose {@code X-Fencing-Token} is older than one it has seen for that lock
 * name.</li>
 * <li><b>Fencing tokens only grow</b>, per lock name, across restarts of the service and
 * of Redis, persistent or not: see {@link org.dsplatform.lock.lease.RedissonLockManager}
 * for the epoch guard.</li>
 * <li><b>Leases survive node failures</b>: they live in Redis, owned by their lease id,
 * and any node renews or releases them.</li>
 * <li><b>Redis's durability bounds the rest.</b> With AOF ({@code appendfsync everysec},
 * as the platform runs Redis) a crash may forget up to the last second of grants,
 * renewals and releases: a lease granted just before may be gone (its holder's next
 * renewal gets "not held"), a lease released just before may be back until it expires.
 * Without persistence a Redis restart forgets every lease: two holders may then overlap
 * until the older one's next renewal fails, and only fencing tokens (which still grow)
 * protect the resource. Redis replication is asynchronous, so a Sentinel failover has the
 * same effect as a restart that lost the last writes.</li>
 * <li><b>Fair waiting</b>: fair requests for a mutex, and write requests for a read-write
 * lock, are granted in the order they first reached Redis; other requests do not overtake
 * a queued fair waiter. A waiter whose node died drops out of the queue within three
 * heartbeats.</li>
 * </ul>
 */
package org.dsplatform.lock.lease;
