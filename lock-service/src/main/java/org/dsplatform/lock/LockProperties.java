package org.dsplatform.lock;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the lock service ({@code locks.*}).
 *
 * @param kvUrl base URL of the KV store, where fencing epochs come from (through the
 * gateway by default)
 * @param kvTimeout how long to wait for the KV store when a new epoch is needed
 * @param minLease the shortest lease a client may ask for
 * @param maxLease the longest lease a client may ask for
 * @param maxWait the longest a client may wait for a lock; keep it below the gateway's
 * response timeout
 * @param maxPermits the most permits a semaphore may have
 * @param waiterHeartbeat how often a waiting request renews its place; a waiter whose
 * node died drops out after three of these
 * @param sweepInterval how often expired leases nobody touched are reaped and reported
 * @param keyGrace how long a lock's keys outlive its last lease, so a late sweep can
 * still report the expiry
 * @param retryAfter the {@code Retry-After} of a 503 answer
 * @param redisRetryAttempts how often Redisson resends a command; 0 because a resent
 * script may run twice and because a 503 now beats a grant seconds later
 * @param redisIoThreads Redisson's event loops. Each command in flight holds a connection
 * of its own; with few loops, one wake-up of a loop serves the replies of several
 * connections, where Redisson's default of 32 wakes a thread per reply
 * @param events the Kafka relay of lock events
 */
@ConfigurationProperties("locks")
public record LockProperties(@DefaultValue("http://127.0.0.1:8080") URI kvUrl, @DefaultValue("5s") Duration kvTimeout,
		@DefaultValue("100ms") Duration minLease, @DefaultValue("1h") Duration maxLease,
		@DefaultValue("30s") Duration maxWait, @DefaultValue("10000") int maxPermits,
		@DefaultValue("2s") Duration waiterHeartbeat, @DefaultValue("1s") Duration sweepInterval,
		@DefaultValue("10m") Duration keyGrace, @DefaultValue("1s") Duration retryAfter,
		@DefaultValue("0") int redisRetryAttempts, @DefaultValue("2") int redisIoThreads, @DefaultValue Events events) {

	/**
	 * @param enabled whether this node relays events to Kafka
	 * @param topic the Kafka topic
	 * @param outboxMaxLength about how many undelivered events the Redis outbox keeps
	 * @param batchSize how many events the relay moves at a time
	 * @param linger how long the relay lets events gather after a batch that was not
	 * full: fewer Redis round trips and Kafka requests per event, at the cost of that
	 * much delay
	 * @param claimIdle after how long an event another relay took but did not deliver is
	 * taken over
	 * @param sendTimeout how long the relay waits for Kafka's acknowledgement
	 */
	public record Events(@DefaultValue("true") boolean enabled, @DefaultValue("lock.events") String topic,
			@DefaultValue("100000") long outboxMaxLength, @DefaultValue("100") int batchSize,
			@DefaultValue("20ms") Duration linger, @DefaultValue("30s") Duration claimIdle,
			@DefaultValue("10s") Duration sendTimeout) {

	}

}
