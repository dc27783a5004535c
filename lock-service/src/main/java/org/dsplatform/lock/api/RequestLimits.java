package org.dsplatform.lock.api;

import java.time.Duration;

import org.dsplatform.lock.LockProperties;

/**
 * The ranges the validator enforces.
 */
record RequestLimits(Duration minLease, Duration maxLease, Duration maxWait, int maxPermits) {

	static RequestLimits of(LockProperties properties) {
		return new RequestLimits(properties.minLease(), properties.maxLease(), properties.maxWait(),
				properties.maxPermits());
	}

}
