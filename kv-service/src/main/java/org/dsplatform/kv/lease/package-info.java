/**
 * Lease expiry: decided by the leader's clock, applied through the log.
 */
package org.dsplatform.kv.lease;
