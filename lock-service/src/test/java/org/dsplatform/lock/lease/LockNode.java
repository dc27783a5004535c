package org.dsplatform.lock.lease;

import java.time.Clock;
import java.time.Duration;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.dsplatform.common.testing.TestRedis;
import org.dsplatform.lock.fencing.EpochSource;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;

/**
 * One lock-service node for tests: a {@link RedissonLockManager} with its own Redisson
 * client, so two nodes share nothing but Redis, as two processes would.
 * <p>
 * The waiter heartbeat is 5 s, far longer than any test waits for a wake-up, so a waiter
 * that gets the lock sooner was woken by a release message or by the holder's TTL.
 */
final class LockNode implements AutoCloseable {

	static final String OUTBOX = "dsl:events";

	final RedissonClient redisson;

	final RedissonLockManager locks;

	final SimpleMeterRegistry meters;

	private LockNode(RedissonClient redisson, RedissonLockManager locks, SimpleMeterRegistry meters) {
		this.redisson = redisson;
		this.locks = locks;
		this.meters = meters;
	}

	static LockNode start(TestRedis redis, String nodeId, EpochSource epochs) {
		return start(redis, nodeId, epochs, Duration.ofSeconds(5), Duration.ofMillis(200));
	}

	static LockNode start(TestRedis redis, String nodeId, EpochSource epochs, Duration heartbeat, Duration sweep) {
		RedissonClient redisson = redisson(redis);
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		LeaseSettings settings = new LeaseSettings(nodeId, OUTBOX, 10_000, Duration.ofMinutes(1), heartbeat, sweep,
				100);
		RedissonLockManager locks = new RedissonLockManager(redisson, epochs, settings, Clock.systemUTC(), meters);
		locks.start();
		return new LockNode(redisson, locks, meters);
	}

	static RedissonClient redisson(TestRedis redis) {
		Config config = new Config();
		config.setThreads(2);
		config.setNettyThreads(4);
		config.useSingleServer()
			.setAddress(redis.url())
			.setRetryAttempts(0)
			.setTimeout(2000)
			.setConnectTimeout(1000)
			.setConnectionMinimumIdleSize(2)
			.setConnectionPoolSize(16)
			.setSubscriptionConnectionMinimumIdleSize(1)
			.setSubscriptionConnectionPoolSize(2);
		return Redisson.create(config);
	}

	double count(String meter, String primitive) {
		return this.meters.find(meter)
			.tag("primitive", primitive)
			.counters()
			.stream()
			.mapToDouble((c) -> c.count())
			.sum();
	}

	@Override
	public void close() {
		this.locks.close();
		this.redisson.shutdown(0, 2, java.util.concurrent.TimeUnit.SECONDS);
	}

}
