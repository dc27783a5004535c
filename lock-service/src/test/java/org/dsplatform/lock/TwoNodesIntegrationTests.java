package org.dsplatform.lock;

import org.dsplatform.common.testing.TestRedis;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.dsplatform.lock.LockHttpClient.Answer;
import org.dsplatform.lock.fencing.FakeKvStore;
import org.dsplatform.lock.fencing.FencingToken;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two lock-service applications in one JVM, on random ports, sharing one Redis and taking
 * their fencing epochs from a fake KV store over HTTP: what the gateway's clients see
 * when their requests land on either node.
 */
class TwoNodesIntegrationTests {

	static final TestRedis redis = TestRedis.start();

	static final FakeKvStore kv = FakeKvStore.start(1000);

	static ConfigurableApplicationContext lock1;

	static ConfigurableApplicationContext lock2;

	static LockHttpClient one;

	static LockHttpClient two;

	@BeforeAll
	static void startNodes() {
		lock1 = start("lock-1");
		lock2 = start("lock-2");
		one = new LockHttpClient(port(lock1));
		two = new LockHttpClient(port(lock2));
	}

	@AfterAll
	static void stopNodes() {
		lock1.close();
		lock2.close();
		kv.close();
		redis.close();
	}

	static ConfigurableApplicationContext start(String nodeId) {
		return new SpringApplicationBuilder(LockServiceApplication.class).run("--server.port=0",
				"--platform.node-id=" + nodeId, "--spring.data.redis.port=" + redis.port(),
				"--locks.kv-url=" + kv.url(), "--locks.events.enabled=false");
	}

	static int port(ConfigurableApplicationContext context) {
		return Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
	}

	static Map<String, Object> acquire(String owner, long leaseMs, long waitMs) {
		return Map.of("owner", owner, "leaseMs", leaseMs, "waitMs", waitMs);
	}

	@Test
	void renewsAndReleasesThroughOneNodeALeaseTakenThroughTheOther() {
		Answer granted = one.post("/api/locks/mutex/shared/acquire", acquire("alice", 2_000, 0));
		assertThat(granted.status()).isEqualTo(200);
		assertThat(FencingToken.epoch(granted.number("fencingToken"))).isGreaterThanOrEqualTo(1000);
		String leaseId = granted.text("leaseId");

		Answer renewed = two.post("/api/locks/mutex/shared/renew", Map.of("leaseId", leaseId, "leaseMs", 60_000));
		assertThat(renewed.status()).isEqualTo(200);
		assertThat(one.get("/api/locks/mutex/shared").text("expiresAt")).isEqualTo(renewed.text("expiresAt"));
		assertThat(Instant.parse(renewed.text("expiresAt"))).isAfter(Instant.parse(granted.text("expiresAt")));

		assertThat(two.post("/api/locks/mutex/shared/release", Map.of("leaseId", leaseId)).status()).isEqualTo(204);
		assertThat(one.get("/api/locks/mutex/shared").status()).isEqualTo(404);
	}

	@Test
	void wakesAWaiterOnOneNodeAsSoonAsTheHolderReleasesThroughTheOther() throws Exception {
		Answer held = one.post("/api/locks/mutex/handover/acquire", acquire("alice", 60_000, 0));
		CompletableFuture<Answer> waiter = CompletableFuture
			.supplyAsync(() -> two.post("/api/locks/mutex/handover/acquire", acquire("bob", 5_000, 20_000)));
		await().atMost(Duration.ofSeconds(5))
			.until(() -> one.get("/api/locks/mutex/handover").json().get("waiters").asInt() == 1);

		long released = System.nanoTime();
		one.post("/api/locks/mutex/handover/release", Map.of("leaseId", held.text("leaseId")));
		Answer granted = waiter.get(10, TimeUnit.SECONDS);

		assertThat(Duration.ofNanos(System.nanoTime() - released)).isLessThan(Duration.ofSeconds(1));
		assertThat(granted.status()).isEqualTo(200);
		assertThat(granted.text("owner")).isEqualTo("bob");
		assertThat(granted.number("fencingToken")).isGreaterThan(held.number("fencingToken"));
	}

	@Test
	void answers503QuicklyWhileRedisIsDownAndLargerTokensOnceItIsBack() {
		Answer before = one.post("/api/locks/mutex/outage/acquire", acquire("alice", 100, 0));
		int epochsBefore = kv.writes();
		redis.stop();
		try {
			long begin = System.nanoTime();
			Answer down = two.post("/api/locks/mutex/outage/acquire", acquire("bob", 1_000, 10_000));

			assertThat(Duration.ofNanos(System.nanoTime() - begin)).isLessThan(Duration.ofSeconds(3));
			assertThat(down.status()).isEqualTo(503);
			assertThat(down.contentType()).startsWith("application/problem+json");
			assertThat(down.text("type")).isEqualTo("/problems/redis-unavailable");
			assertThat(down.text("instance")).isEqualTo("/api/locks/mutex/outage/acquire");
			assertThat(down.retryAfter()).isEqualTo("1");
			assertThat(one.get("/api/locks/mutex/outage").status()).isEqualTo(503);
			assertThat(one.get("/actuator/health/readiness").status()).isEqualTo(503);
		}
		finally {
			redis.startAgain();
		}

		Answer after = await().atMost(Duration.ofSeconds(15))
			.until(() -> two.post("/api/locks/mutex/outage/acquire", acquire("bob", 1_000, 0)),
					(answer) -> answer.status() == 200);
		assertThat(after.number("fencingToken")).isGreaterThan(before.number("fencingToken"));
		assertThat(kv.writes()).isGreaterThan(epochsBefore);
	}

}
