package org.dsplatform.gateway.limit;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The gateway's limits on requests.
 *
 * @param maxBody the largest request body passed on: the services' own limit, which
 * leaves room for a 1 MiB KV value even when JSON escaping makes it six times larger
 * @param rateLimit the per-caller rate limit
 */
@ConfigurationProperties("gateway.limits")
public record LimitProperties(@DefaultValue("8MB") DataSize maxBody, @DefaultValue RateLimit rateLimit) {

	/**
	 * A token bucket per caller (API key, or client address in open mode), kept in Redis
	 * so that every gateway instance draws from the same bucket.
	 *
	 * @param enabled whether requests are limited at all
	 * @param replenishRate requests per second a caller may make in the long run
	 * @param burstCapacity requests a caller may make at once after being idle
	 * @param redisTimeout how long a bucket check may take before the request is let
	 * through unlimited
	 */
	public record RateLimit(@DefaultValue("true") boolean enabled, @DefaultValue("1000") int replenishRate,
			@DefaultValue("2000") int burstCapacity, @DefaultValue("250ms") java.time.Duration redisTimeout) {
	}

}
