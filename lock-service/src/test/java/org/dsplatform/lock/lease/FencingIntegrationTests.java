package org.dsplatform.lock.lease;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.dsplatform.common.testing.TestRedis;
import org.dsplatform.lock.fencing.CountingEpochSource;
import org.dsplatform.lock.fencing.EpochUnavailableException;
import org.dsplatform.lock.fencing.FencingToken;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.redisson.api.RMap;
import org.redisson.client.codec.StringCodec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Fencing tokens keep growing whatever happens to Redis and to the service: each test
 * gets a fresh Redis without persistence and an epoch source that outlives it.
 */
class FencingIntegrationTests {

	TestRedis redis;

	CountingEpochSource epochs;

	LockNode node;

	@BeforeEach
	void start() {
		this.redis = TestRedis.start();
		this.epochs = new CountingEpochSource(41);
		this.node = LockNode.start(this.redis, "lock-a", this.epochs);
	}

	@AfterEach
	void stop() {
		this.node.close();
		this.redis.close();
	}

	static AcquireRequest mutex(String name) {
		return new AcquireRequest(LockId.mutex(name), "alice", LeaseMode.EXCLUSIVE, Duration.ofSeconds(30),
				Duration.ZERO, false);
	}

	long grantAndRelease(LockNode through, AcquireRequest request) {
		Lease lease = through.locks.acquire(request).join();
		through.locks.release(lease.lock(), lease.leaseId()).join();
		return lease.fencingToken();
	}

	@Test
	void countsGrantsWithinTheEpochTakenWhenRedisWasFirstUsed() {
		long first = grantAndRelease(this.node, mutex("counted"));
		long second = grantAndRelease(this.node, mutex("counted"));

		assertThat(FencingToken.epoch(first)).isEqualTo(42);
		assertThat(FencingToken.counter(first)).isEqualTo(1);
		assertThat(second).isEqualTo(first + 1);
		assertThat(this.epochs.calls()).isEqualTo(1);
	}

	@Test
	void keepsTokensGrowingAcrossARedisRestartThatLostEverything() {
		long before = 0;
		for (int i = 0; i < 5; i++) {
			before = grantAndRelease(this.node, mutex("restarted"));
		}

		this.redis.restart();
		long after = await().atMost(Duration.ofSeconds(10))
			.ignoreExceptions()
			.until(() -> grantAndRelease(this.node, mutex("restarted")), (token) -> token > 0);

		assertThat(after).isGreaterThan(before);
		assertThat(FencingToken.epoch(after)).isGreaterThan(FencingToken.epoch(before));
		assertThat(FencingToken.counter(after)).isEqualTo(1);
		assertThat(this.epochs.calls()).isEqualTo(2);
	}

	@Test
	void keepsTokensGrowingAcrossRecreatingTheServiceWithoutANewEpoch() {
		long before = grantAndRelease(this.node, mutex("recreated"));
		this.node.close();

		this.node = LockNode.start(this.redis, "lock-a", this.epochs);
		long after = grantAndRelease(this.node, mutex("recreated"));

		assertThat(after).isEqualTo(before + 1);
		assertThat(this.epochs.calls()).isEqualTo(1);
	}

	@Test
	void takesANewEpochWhenTheMarkerBelongsToAnEarlierRedisRun() {
		long before = grantAndRelease(this.node, mutex("aof"));
		// What AOF recovery looks like: the data is back, the Redis process is another
		// one, and the counter may have lost its last increments.
		RMap<String, String> marker = this.node.redisson.getMap("dsl:epoch", StringCodec.INSTANCE);
		marker.put("run", "0000000000000000000000000000000000000000");
		this.node.redisson.getAtomicLong("dsl:fence:{aof}").set(0);

		long after = grantAndRelease(this.node, mutex("aof"));

		assertThat(after).isGreaterThan(before);
		assertThat(FencingToken.epoch(after)).isEqualTo(FencingToken.epoch(before) + 1);
	}

	@Test
	void letsTwoNodesThatMeetALostEpochAgreeOnOne() {
		try (LockNode other = LockNode.start(this.redis, "lock-b", this.epochs)) {
			CompletableFuture<Lease> first = this.node.locks.acquire(mutex("agree-1"));
			CompletableFuture<Lease> second = other.locks.acquire(mutex("agree-2"));

			long one = first.join().fencingToken();
			long two = second.join().fencingToken();

			assertThat(FencingToken.epoch(one)).isEqualTo(FencingToken.epoch(two));
			assertThat(this.node.redisson.<String, String>getMap("dsl:epoch", StringCodec.INSTANCE).get("epoch"))
				.isEqualTo(String.valueOf(FencingToken.epoch(one)));
		}
	}

	@Test
	void sharesOneCounterPerNameAcrossThePrimitives() {
		long mutex = grantAndRelease(this.node, mutex("shared-name"));
		this.node.locks.defineSemaphore("shared-name", 1).join();
		long permit = grantAndRelease(this.node, new AcquireRequest(LockId.semaphore("shared-name"), "bob",
				LeaseMode.PERMIT, Duration.ofSeconds(1), Duration.ZERO, false));

		assertThat(permit).isEqualTo(mutex + 1);
	}

	@Test
	void grantsNothingWhileNoEpochCanBeObtained() {
		this.epochs.failWith(new EpochUnavailableException("KV store down"));

		assertThatThrownBy(() -> this.node.locks.acquire(mutex("no-epoch")).join())
			.isInstanceOf(CompletionException.class)
			.hasCauseInstanceOf(EpochUnavailableException.class);

		assertThat(this.node.locks.state(LockId.mutex("no-epoch")).join().holders()).isEmpty();
	}

	@Test
	void refusesAnEpochThatIsNotAboveThePreviousOne() {
		grantAndRelease(this.node, mutex("backwards"));
		this.epochs.answerWith((last) -> last - 10);
		this.redis.restart();
		RMap<String, String> marker = this.node.redisson.getMap("dsl:epoch", StringCodec.INSTANCE);
		await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> {
			marker.put("epoch", "42");
			return true;
		});
		marker.put("run", "0000000000000000000000000000000000000000");

		assertThatThrownBy(() -> this.node.locks.acquire(mutex("backwards")).join())
			.hasCauseInstanceOf(EpochUnavailableException.class);
	}

}
