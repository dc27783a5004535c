package org.dsplatform.gateway.security;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import org.dsplatform.common.testing.TestRedis;
import org.dsplatform.gateway.StandInInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway with API keys and rate limits on, as compose and Kubernetes run it, in
 * front of stand-in service instances and a real Redis: who may do what, what the
 * services see, callers over their rate, Redis going away, and requests over the limits.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "platform.node-id=gateway-test", "gateway.cache-ring.kv-urls=http://127.0.0.1:9",
				"gateway.security.enabled=true", "gateway.limits.rate-limit.enabled=true",
				"gateway.limits.rate-limit.replenish-rate=2", "gateway.limits.rate-limit.burst-capacity=10",
				"gateway.limits.max-body=1KB" })
class GatewaySecurityIntegrationTests {

	static final TestRedis redis = TestRedis.start();

	static final StandInInstance kv = StandInInstance.start("kv-1");

	static final List<String> roles = List.of("reader", "writer", "admin", "busy", "idle");

	final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	@LocalServerPort
	int port;

	@Autowired
	MeterRegistry meters;

	@DynamicPropertySource
	static void configure(DynamicPropertyRegistry registry) {
		registry.add("spring.data.redis.port", redis::port);
		for (int i = 0; i < 3; i++) {
			registry.add("spring.cloud.discovery.client.simple.instances.kv-service[" + i + "].uri", kv::uri);
		}
		String[] keyRoles = { "read", "write", "admin", "write", "write" };
		for (int i = 0; i < roles.size(); i++) {
			String prefix = "gateway.security.api-keys[" + i + "]";
			String name = roles.get(i);
			registry.add(prefix + ".name", () -> name);
			registry.add(prefix + ".sha256", () -> ApiKeys.digest(secret(name)));
			String role = keyRoles[i];
			registry.add(prefix + ".role", () -> role);
		}
	}

	@AfterAll
	static void stop() {
		kv.close();
		redis.close();
	}

	@BeforeEach
	void reset() {
		kv.reset();
	}

	@Test
	void refusesARequestWithoutAKnownKey() throws Exception {
		HttpResponse<String> none = send(request("GET", "/api/kv/keys/a", null, ""));
		assertThat(none.statusCode()).isEqualTo(401);
		assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("ApiKey header=\"X-API-Key\"");
		assertProblem(none, "/problems/unauthenticated");
		HttpResponse<String> unknown = send(request("GET", "/api/kv/keys/a", "not-a-key", ""));
		assertThat(unknown.statusCode()).isEqualTo(401);
		assertProblem(unknown, "/problems/unauthenticated");
		assertThat(kv.served()).isZero();
	}

	@Test
	void letsEachRoleDoWhatItCoversAndNoMore() throws Exception {
		assertThat(status("GET", "/api/kv/keys/a", "reader")).isEqualTo(200);
		assertThat(status("GET", "/api/kv/watch?prefix=a", "reader")).isEqualTo(200);
		HttpResponse<String> readerWrites = send(request("PUT", "/api/kv/keys/a", secret("reader"), "{}"));
		assertThat(readerWrites.statusCode()).isEqualTo(403);
		assertProblem(readerWrites, "/problems/forbidden");
		assertThat(status("POST", "/api/kv/leases", "reader")).isEqualTo(403);

		assertThat(status("PUT", "/api/kv/keys/a", "writer")).isEqualTo(200);
		assertThat(status("GET", "/api/kv/keys/a", "writer")).isEqualTo(200);
		assertThat(status("POST", "/api/kv/cluster/leader", "writer")).isEqualTo(403);
		assertThat(status("POST", "/api/kv/cluster/members", "writer")).isEqualTo(403);
		assertThat(status("DELETE", "/api/kv/cluster/members/kv-3", "writer")).isEqualTo(403);

		assertThat(status("POST", "/api/kv/cluster/leader", "admin")).isEqualTo(200);
		assertThat(status("DELETE", "/api/kv/cluster/members/kv-3", "admin")).isEqualTo(200);
		assertThat(status("PUT", "/api/kv/keys/a", "admin")).isEqualTo(200);
		// 7 requests were allowed through; none of the refused ones reached the service.
		assertThat(kv.served()).isEqualTo(7);
	}

	@Test
	void aPathThatWouldNormaliseIntoAnotherEndpointIsRefused() throws Exception {
		for (String path : List.of("/api/kv/keys/../cluster/leader", "/api/kv/keys/%2e%2e/cluster/leader",
				"/api/kv//cluster/leader", "/api/kv/keys/./a")) {
			HttpResponse<String> response = send(request("POST", path, secret("writer"), "{}"));
			assertThat(response.statusCode()).as(path).isEqualTo(400);
			assertProblem(response, "/problems/invalid-request");
		}
		assertThat(kv.served()).isZero();
	}

	@Test
	void theServicesNeverSeeTheKey() throws Exception {
		assertThat(status("GET", "/api/kv/keys/a", "reader")).isEqualTo(200);
		assertThat(kv.received()).singleElement()
			.satisfies((received) -> assertThat(received.headers()).doesNotContainKey("X-API-Key")
				.containsKey("X-Request-Id"));
	}

	@Test
	void theCacheNodesInternalHeadersNeverComeFromAClient() throws Exception {
		HttpRequest forged = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/api/kv/keys/a"))
			.header("X-API-Key", secret("reader"))
			.header("X-Cache-Replica-Of", "cache-1")
			.header("X-Cache-Forwarded-By", "cache-2")
			.build();
		assertThat(send(forged).statusCode()).isEqualTo(200);
		assertThat(kv.received()).singleElement()
			.satisfies((received) -> assertThat(received.headers()).doesNotContainKeys("X-Cache-Replica-Of",
					"X-Cache-Forwarded-By"));
	}

	@Test
	void theDocumentationAndTheGatewaysProbesNeedNoKey() throws Exception {
		assertThat(send(request("GET", "/api/kv/openapi", null, "")).statusCode()).isEqualTo(200);
		assertThat(send(request("GET", "/api/kv/openapi.yaml", null, "")).statusCode()).isEqualTo(200);
		assertThat(send(request("GET", "/actuator/health/readiness", null, "")).statusCode()).isEqualTo(200);
	}

	@Test
	void aCallerOverItsRateGets429WithRetryAfterWhileOthersGoOn() throws Exception {
		List<HttpResponse<String>> responses = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			responses.add(send(request("GET", "/api/kv/keys/a", secret("busy"), "")));
		}
		List<HttpResponse<String>> refused = responses.stream().filter((r) -> r.statusCode() == 429).toList();
		// A burst of 10 and 2 more per second: at least 20 - 10 - 2 x (seconds taken).
		assertThat(refused).hasSizeGreaterThanOrEqualTo(6);
		HttpResponse<String> first = refused.get(0);
		assertThat(first.headers().firstValue("Retry-After")).hasValue("1");
		assertThat(first.headers().firstValue("X-RateLimit-Remaining")).hasValue("0");
		assertThat(first.headers().firstValue("X-RateLimit-Burst-Capacity")).hasValue("10");
		assertProblem(first, "/problems/rate-limited");
		assertThat(responses.get(0).headers().firstValue("X-RateLimit-Remaining")).hasValue("9");
		// Another key has its own bucket.
		assertThat(status("GET", "/api/kv/keys/a", "idle")).isEqualTo(200);
		assertThat(counter("limited")).isGreaterThanOrEqualTo(6);
	}

	@Test
	void withRedisDownRequestsPassUnlimited() throws Exception {
		redis.stop();
		try {
			double before = counter("unavailable");
			for (int i = 0; i < 15; i++) {
				HttpResponse<String> response = send(request("GET", "/api/kv/keys/a", secret("idle"), ""));
				assertThat(response.statusCode()).isEqualTo(200);
				assertThat(response.headers().firstValue("X-RateLimit-Remaining")).isEmpty();
			}
			assertThat(counter("unavailable") - before).isEqualTo(15);
		}
		finally {
			redis.startAgain();
		}
	}

	@Test
	void aBodyOverTheLimitIsRefusedWith413() throws Exception {
		String large = "{\"value\":\"" + "x".repeat(2000) + "\"}";
		HttpResponse<String> announced = send(request("PUT", "/api/kv/keys/a", secret("writer"), large));
		assertThat(announced.statusCode()).isEqualTo(413);
		assertProblem(announced, "/problems/too-large");
		HttpRequest chunked = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/api/kv/keys/a"))
			.header("X-API-Key", secret("writer"))
			.header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(large.getBytes())))
			.build();
		HttpResponse<String> streamed = send(chunked);
		assertThat(streamed.statusCode()).isEqualTo(413);
		assertProblem(streamed, "/problems/too-large");
		assertThat(status("PUT", "/api/kv/keys/a", "writer")).isEqualTo(200);
	}

	private double counter(String outcome) {
		return this.meters.get("gateway.rate.limit").tag("outcome", outcome).counter().count();
	}

	private static void assertProblem(HttpResponse<String> response, String type) {
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((contentType) -> assertThat(contentType).startsWith("application/problem+json"));
		assertThat(response.body()).contains("\"type\":\"" + type + "\"")
			.contains("\"status\":" + response.statusCode());
	}

	private int status(String method, String path, String keyName) throws Exception {
		return send(request(method, path, secret(keyName), method.equals("GET") ? "" : "{}")).statusCode();
	}

	private HttpResponse<String> send(HttpRequest request) throws Exception {
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private HttpRequest request(String method, String path, String key, String body) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.timeout(Duration.ofSeconds(10))
			.header("Content-Type", "application/json")
			.method(method,
					body.isEmpty() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
		if (key != null) {
			builder.header("X-API-Key", key);
		}
		return builder.build();
	}

	/** Each test key is a distinct random-looking secret derived from its name. */
	static String secret(String name) {
		return "dsp_" + name + "_" + Integer.toHexString(name.hashCode()) + "9f3c1a7e5b2d4c6a";
	}

}
