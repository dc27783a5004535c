package org.dsplatform.lock.lease;

import java.time.Instant;

/**
 * A granted lease, as its holder sees it.
 *
 * @param lock the lock
 * @param owner who holds it
 * @param mode what it grants
 * @param leaseId the secret that renews and releases it, through any node
 * @param fencingToken larger than the token of every earlier grant of this lock name
 * @param expiresAt when it ends unless renewed, by Redis's clock
 */
public record Lease(LockId lock, String owner, LeaseMode mode, String leaseId, long fencingToken, Instant expiresAt) {

}
