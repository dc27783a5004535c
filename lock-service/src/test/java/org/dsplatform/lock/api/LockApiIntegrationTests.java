package org.dsplatform.lock.api;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;

import org.dsplatform.lock.LockHttpClient;
import org.dsplatform.lock.LockHttpClient.Answer;
import org.dsplatform.common.testing.TestRedis;
import org.dsplatform.lock.fencing.CountingEpochSource;
import org.dsplatform.lock.fencing.EpochSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HTTP contract of the lock endpoints, over real HTTP against a real Redis.
 */
@AutoConfigureMetrics
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "platform.node-id=lock-api-test", "locks.events.enabled=false" })
@Import({ LockApiIntegrationTests.Epochs.class, LockApiIntegrationTests.AsyncDispatches.class })
class LockApiIntegrationTests {

	static final TestRedis redis = TestRedis.start();

	@LocalServerPort
	int port;

	LockHttpClient client;

	@DynamicPropertySource
	static void redis(DynamicPropertyRegistry registry) {
		registry.add("spring.data.redis.port", redis::port);
	}

	@AfterAll
	static void stopRedis() {
		redis.close();
	}

	@BeforeEach
	void client() {
		this.client = new LockHttpClient(this.port);
	}

	static Map<String, Object> acquire(String owner, long leaseMs, long waitMs) {
		return Map.of("owner", owner, "leaseMs", leaseMs, "waitMs", waitMs);
	}

	@Test
	void grantsShowsRenewsListsAndReleasesAMutex() {
		Answer granted = this.client.post("/api/locks/mutex/orders:42/acquire", acquire("alice", 5_000, 0));
		assertThat(granted.status()).isEqualTo(200);
		assertThat(granted.text("name")).isEqualTo("orders:42");
		assertThat(granted.text("owner")).isEqualTo("alice");
		assertThat(granted.text("leaseId")).hasSize(22);
		assertThat(granted.json().get("fencingToken").isIntegralNumber()).isTrue();
		assertThat(Instant.parse(granted.text("expiresAt"))).isAfter(Instant.now());
		assertThat(granted.json().has("mode")).isFalse();
		String leaseId = granted.text("leaseId");

		Answer shown = this.client.get("/api/locks/mutex/orders:42");
		assertThat(shown.status()).isEqualTo(200);
		assertThat(shown.text("owner")).isEqualTo("alice");
		assertThat(shown.number("fencingToken")).isEqualTo(granted.number("fencingToken"));
		assertThat(shown.text("expiresAt")).isEqualTo(granted.text("expiresAt"));
		assertThat(shown.number("waiters")).isZero();
		assertThat(shown.body()).doesNotContain(leaseId);

		Answer renewed = this.client.post("/api/locks/mutex/orders:42/renew",
				Map.of("leaseId", leaseId, "leaseMs", 60_000));
		assertThat(renewed.status()).isEqualTo(200);
		assertThat(Instant.parse(renewed.text("expiresAt"))).isAfter(Instant.parse(granted.text("expiresAt")));
		assertThat(renewed.number("fencingToken")).isEqualTo(granted.number("fencingToken"));

		Answer listed = this.client.get("/api/locks/mutex?prefix=orders:&limit=10");
		assertThat(listed.status()).isEqualTo(200);
		assertThat(listed.json().get("locks")).hasSize(1);
		assertThat(listed.json().get("locks").get(0).get("name").asString()).isEqualTo("orders:42");
		assertThat(listed.json().get("truncated").asBoolean()).isFalse();
		assertThat(listed.body()).doesNotContain(leaseId);

		assertThat(this.client.post("/api/locks/mutex/orders:42/release", Map.of("leaseId", leaseId)).status())
			.isEqualTo(204);
		Answer gone = this.client.get("/api/locks/mutex/orders:42");
		assertProblem(gone, 404, "/problems/not-found", "/api/locks/mutex/orders:42");
	}

	@Test
	void answersAnAcquireThatDoesNotWaitOnTheRequestsThreadAndOneThatMayWaitAsynchronously() {
		AsyncDispatches.paths.clear();
		Answer at = this.client.post("/api/locks/mutex/at-once/acquire", acquire("alice", 30_000, 0));
		Answer conflict = this.client.post("/api/locks/mutex/at-once/acquire", acquire("bob", 30_000, 0));
		// Carol really waits (the lock is held), so her answer cannot be ready when the
		// handler returns; an acquire that may wait but is granted at once can go
		// either way, depending on how fast Redis answers.
		Answer waited = this.client.post("/api/locks/mutex/at-once/acquire", acquire("carol", 30_000, 300));

		assertThat(at.status()).isEqualTo(200);
		assertThat(at.text("owner")).isEqualTo("alice");
		assertThat(at.number("fencingToken")).isPositive();
		assertProblem(conflict, 409, "/problems/lock-conflict", "/api/locks/mutex/at-once/acquire");
		assertProblem(waited, 409, "/problems/lock-conflict", "/api/locks/mutex/at-once/acquire");
		assertThat(waited.text("owner")).isEqualTo("alice");
		assertThat(AsyncDispatches.paths).containsExactly("/api/locks/mutex/at-once/acquire");
	}

	@Test
	void answersAConflictNamingTheHolderWhenTheWaitRunsOut() {
		Answer held = this.client.post("/api/locks/mutex/busy/acquire", acquire("alice", 30_000, 0));

		Answer conflict = this.client.post("/api/locks/mutex/busy/acquire", acquire("bob", 1_000, 200));

		assertProblem(conflict, 409, "/problems/lock-conflict", "/api/locks/mutex/busy/acquire");
		assertThat(conflict.text("owner")).isEqualTo("alice");
		assertThat(Instant.parse(conflict.text("expiresAt"))).isEqualTo(Instant.parse(held.text("expiresAt")));
		assertThat(conflict.body()).doesNotContain(held.text("leaseId"));
	}

	@Test
	void refusesRenewAndReleaseWithALeaseIdThatDoesNotHoldTheLock() {
		Answer held = this.client.post("/api/locks/mutex/guarded/acquire", acquire("alice", 30_000, 0));
		String stranger = "AAAAAAAAAAAAAAAAAAAAAA";

		assertProblem(this.client.post("/api/locks/mutex/guarded/renew", Map.of("leaseId", stranger, "leaseMs", 500)),
				409, "/problems/lock-not-held", "/api/locks/mutex/guarded/renew");
		assertProblem(this.client.post("/api/locks/mutex/guarded/release", Map.of("leaseId", stranger)), 409,
				"/problems/lock-not-held", "/api/locks/mutex/guarded/release");
		assertThat(this.client.get("/api/locks/mutex/guarded").number("fencingToken"))
			.isEqualTo(held.number("fencingToken"));
	}

	@Test
	void sharesAReadWriteLockAmongReadersAndKeepsWritersOut() {
		Map<String, Object> read = Map.of("owner", "reader", "mode", "read", "leaseMs", 30_000);
		Answer first = this.client.post("/api/locks/rw/catalog/acquire", read);
		Answer second = this.client.post("/api/locks/rw/catalog/acquire", read);
		assertThat(first.status()).isEqualTo(200);
		assertThat(first.text("mode")).isEqualTo("read");
		assertThat(second.status()).isEqualTo(200);

		Answer shown = this.client.get("/api/locks/rw/catalog");
		assertThat(shown.text("mode")).isEqualTo("read");
		assertThat(shown.number("holderCount")).isEqualTo(2);
		assertThat(shown.json().get("holders").get(0).has("leaseId")).isFalse();
		assertProblem(
				this.client.post("/api/locks/rw/catalog/acquire",
						Map.of("owner", "writer", "mode", "write", "leaseMs", 1_000)),
				409, "/problems/lock-conflict", "/api/locks/rw/catalog/acquire");

		this.client.post("/api/locks/rw/catalog/release", Map.of("leaseId", first.text("leaseId")));
		this.client.post("/api/locks/rw/catalog/release", Map.of("leaseId", second.text("leaseId")));
		Answer writer = this.client.post("/api/locks/rw/catalog/acquire",
				Map.of("owner", "writer", "mode", "write", "leaseMs", 1_000));
		assertThat(writer.status()).isEqualTo(200);
		assertThat(writer.text("mode")).isEqualTo("write");
	}

	@Test
	void definesASemaphoreOnceAndGrantsItsPermits() {
		assertThat(this.client.post("/api/locks/semaphores/pool", Map.of("permits", 2)).status()).isEqualTo(201);
		assertThat(this.client.post("/api/locks/semaphores/pool", Map.of("permits", 2)).status()).isEqualTo(200);
		Answer redefined = this.client.post("/api/locks/semaphores/pool", Map.of("permits", 3));
		assertProblem(redefined, 409, "/problems/semaphore-exists", "/api/locks/semaphores/pool");
		assertThat(redefined.number("permits")).isEqualTo(2);

		Answer first = this.client.post("/api/locks/semaphores/pool/acquire", acquire("a", 30_000, 0));
		Answer second = this.client.post("/api/locks/semaphores/pool/acquire", acquire("b", 30_000, 0));
		assertThat(first.status()).isEqualTo(200);
		assertThat(second.number("fencingToken")).isGreaterThan(first.number("fencingToken"));
		assertProblem(this.client.post("/api/locks/semaphores/pool/acquire", acquire("c", 30_000, 0)), 409,
				"/problems/lock-conflict", "/api/locks/semaphores/pool/acquire");

		Answer shown = this.client.get("/api/locks/semaphores/pool");
		assertThat(shown.number("permits")).isEqualTo(2);
		assertThat(shown.number("available")).isZero();
		assertThat(shown.json().get("holders")).hasSize(2);
		assertProblem(this.client.get("/api/locks/semaphores/nowhere"), 404, "/problems/not-found",
				"/api/locks/semaphores/nowhere");
		assertProblem(this.client.post("/api/locks/semaphores/nowhere/acquire", acquire("a", 1_000, 0)), 404,
				"/problems/not-found", "/api/locks/semaphores/nowhere/acquire");
	}

	@Test
	void rejectsEachKindOfBadInputWithAProblemNamingTheField() {
		String valid = "{\"owner\":\"o\",\"leaseMs\":1000}";
		List<BadInput> cases = List.of(new BadInput("/api/locks/mutex/" + "x".repeat(257) + "/acquire", valid, "name"),
				new BadInput("/api/locks/mutex/" + encode("é".repeat(129)) + "/acquire", valid, "name"),
				new BadInput("/api/locks/mutex/bell%07/acquire", valid, "name"),
				new BadInput("/api/locks/mutex/back%5Cslash/acquire", valid, "name"),
				new BadInput("/api/locks/mutex/a%2Fb/acquire", valid, "name"),
				new BadInput("/api/locks/mutex/%2E%2E/acquire", valid, "name"),
				new BadInput("/api/locks/mutex/a/acquire", "{\"leaseMs\":1000}", "owner"),
				new BadInput("/api/locks/mutex/a/acquire", "{\"owner\":\"\",\"leaseMs\":1000}", "owner"),
				new BadInput("/api/locks/mutex/a/acquire", "{\"owner\":\"o\"}", "leaseMs"),
				new BadInput("/api/locks/mutex/a/acquire", "{\"owner\":\"o\",\"leaseMs\":0}", "leaseMs"),
				new BadInput("/api/locks/mutex/a/acquire", "{\"owner\":\"o\",\"leaseMs\":-5}", "leaseMs"),
				new BadInput("/api/locks/mutex/a/acquire", "{\"owner\":\"o\",\"leaseMs\":3600001}", "leaseMs"),
				new BadInput("/api/locks/mutex/a/acquire", "{\"owner\":\"o\",\"leaseMs\":\"soon\"}", "leaseMs"),
				new BadInput("/api/locks/mutex/a/acquire", "{\"owner\":\"o\",\"leaseMs\":1000,\"waitMs\":-1}",
						"waitMs"),
				new BadInput(
						"/api/locks/mutex/a/acquire", "{\"owner\":\"o\",\"leaseMs\":1000,\"waitMs\":30001}", "waitMs"),
				new BadInput("/api/locks/rw/a/acquire", valid, "mode"),
				new BadInput("/api/locks/rw/a/acquire", "{\"owner\":\"o\",\"leaseMs\":1000,\"mode\":\"sideways\"}",
						"mode"),
				new BadInput("/api/locks/mutex/a/renew", "{\"leaseId\":\"nope\",\"leaseMs\":1000}", "leaseId"),
				new BadInput("/api/locks/mutex/a/release", "{}", "leaseId"),
				new BadInput("/api/locks/semaphores/a", "{\"permits\":0}", "permits"),
				new BadInput("/api/locks/mutex/a/acquire", "{\"owner\":", null),
				new BadInput("/api/locks/mutex/a/acquire", "", null),
				new BadInput("/api/locks/mutex/a/acquire", "[1,2]", null),
				new BadInput("/api/locks/mutex/a/acquire", "{\"owner\":\"o\",\"leaseMs\":\"1000\"}", "leaseMs"),
				new BadInput("/api/locks/mutex/a/acquire", "{\"owner\":\"o\",\"leaseMs\":1000.5}", "leaseMs"),
				new BadInput("/api/locks/mutex/a/acquire", "{\"owner\":5,\"leaseMs\":1000}", "owner"),
				new BadInput("/api/locks/mutex/a/acquire", "{\"owner\":\"o\",\"leaseMs\":1000,\"fair\":1}", "fair"),
				new BadInput("/api/locks/mutex/a/acquire", "{\"owner\":\"o\",\"leaseMs\":1000,\"wait\":5}", "wait"),
				new BadInput("/api/locks/mutex/a/acquire?waitMs=5", valid, "waitMs"),
				new BadInput("/api/locks/semaphores/a", "{\"permits\":\"2\"}", "permits"));

		for (BadInput input : cases) {
			Answer answer = this.client.post(input.path(), input.body());
			assertThat(answer.contentType()).as(input.toString()).startsWith("application/problem+json");
			assertProblem(answer, 400, "/problems/invalid-request", null);
			assertThat(answer.text("instance")).as(input.toString()).startsWith("/api/locks/");
			if (input.field() != null) {
				assertThat(answer.text("field")).as(input.toString()).isEqualTo(input.field());
				assertThat(answer.text("detail")).as(input.toString()).contains(input.field());
			}
		}
		Answer limit = this.client.get("/api/locks/mutex?limit=5000");
		assertProblem(limit, 400, "/problems/invalid-request", "/api/locks/mutex");
		assertThat(limit.text("detail")).contains("limit");
		Answer unknown = this.client.get("/api/locks/mutex?limt=5");
		assertProblem(unknown, 400, "/problems/invalid-request", "/api/locks/mutex");
		assertThat(unknown.text("field")).isEqualTo("limt");
		assertThat(unknown.text("detail")).contains("limit, prefix");
		assertThat(this.client.get("/api/locks/mutex?prefix=orders:&limit=5").status()).isEqualTo(200);
		Answer undecodable = this.client.get("/api/locks/mutex?prefix=%ff");
		assertProblem(undecodable, 400, "/problems/invalid-request", "/api/locks/mutex");
	}

	@Test
	void countsGrantsConflictsAndWaitsPerNode() {
		this.client.post("/api/locks/mutex/metered/acquire", acquire("alice", 30_000, 0));
		this.client.post("/api/locks/mutex/metered/acquire", acquire("bob", 30_000, 0));

		String metrics = this.client.get("/actuator/prometheus").body();

		assertThat(metrics).containsPattern("locks_grants_total\\{[^}]*node=\"lock-api-test\"[^}]*primitive=\"mutex\"");
		assertThat(metrics).containsPattern("locks_conflicts_total\\{[^}]*reason=\"timeout\"");
		assertThat(metrics).contains("locks_wait_seconds_bucket");
		assertThat(metrics).contains("locks_expiries_total");
	}

	static void assertProblem(Answer answer, int status, String type, String instance) {
		assertThat(answer.status()).as(answer.body()).isEqualTo(status);
		assertThat(answer.contentType()).startsWith("application/problem+json");
		JsonNode json = answer.json();
		assertThat(json.get("type").asString()).isEqualTo(type);
		assertThat(json.get("status").asInt()).isEqualTo(status);
		assertThat(json.get("detail").asString()).isNotBlank();
		if (instance != null) {
			assertThat(json.get("instance").asString()).isEqualTo(instance);
		}
	}

	static String encode(String text) {
		return URLEncoder.encode(text, StandardCharsets.UTF_8);
	}

	record BadInput(String path, String body, String field) {

	}

	/**
	 * Imported, not scanned: other tests start the application in this JVM without it.
	 */
	static class AsyncDispatches {

		/** The paths of the requests dispatched a second time, asynchronously. */
		static final List<String> paths = new CopyOnWriteArrayList<>();

		@Bean
		FilterRegistrationBean<Filter> asyncDispatchRecorder() {
			FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>((request, response, chain) -> {
				paths.add(((HttpServletRequest) request).getRequestURI());
				chain.doFilter(request, response);
			});
			registration.setDispatcherTypes(DispatcherType.ASYNC);
			return registration;
		}

	}

	static class Epochs {

		@Bean
		@Primary
		EpochSource testEpochSource() {
			return new CountingEpochSource(1);
		}

	}

}
