/**
 * The lock service: distributed locks over HTTP, kept in Redis through Redisson, with
 * leases owned by lease ids and fencing tokens that only grow.
 * <p>
 * Packages: {@code api} (HTTP, validation, problem documents) calls {@code lease} (the
 * {@link org.dsplatform.lock.lease.LockManager} and its Lua scripts), which uses
 * {@code fencing} (token layout, epochs from the KV store); {@code events} relays the
 * scripts' event outbox to Kafka. The guarantees, and their limits, are stated in
 * {@link org.dsplatform.lock.lease} and {@link org.dsplatform.lock.events}: in short,
 * Redis never has two holders of a mutex at once, but a paused client may still believe
 * it holds a lease that ended, so a resource must check the fencing token to be safe.
 */
package org.dsplatform.lock;
