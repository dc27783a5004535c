package org.dsplatform.lock.lease;

import org.dsplatform.common.testing.TestRedis;
import org.dsplatform.lock.fencing.CountingEpochSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * Two lock nodes that share nothing but a real Redis started on a free port, one fixture
 * per test class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class TwoNodesOnRedis {

	TestRedis redis;

	CountingEpochSource epochs;

	LockNode one;

	LockNode two;

	@BeforeAll
	void startNodes() {
		this.redis = TestRedis.start();
		this.epochs = new CountingEpochSource(1);
		this.one = LockNode.start(this.redis, "lock-a", this.epochs);
		this.two = LockNode.start(this.redis, "lock-b", this.epochs);
	}

	@AfterAll
	void stopNodes() {
		this.one.close();
		this.two.close();
		this.redis.close();
	}

}
