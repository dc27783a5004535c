package org.dsplatform.lock.lease;

import java.time.Instant;

/**
 * A lease as anyone may see it: everything but its lease id.
 */
public record Holder(String owner, LeaseMode mode, long fencingToken, Instant expiresAt) {

}
