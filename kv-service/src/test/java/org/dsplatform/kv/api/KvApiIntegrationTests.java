package org.dsplatform.kv.api;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.dsplatform.kv.SingleNodeKv;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The kv HTTP API over real HTTP, on a one-node Raft group.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
// Tests turn metrics export off by default; one of these checks what Prometheus would
// scrape.
@AutoConfigureMetrics
class KvApiIntegrationTests {

	private static final HttpClient http = HttpClient.newHttpClient();

	private static final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void kv(DynamicPropertyRegistry registry) {
		SingleNodeKv.register(registry, "kv-api-test");
	}

	@Test
	void writesReadsAndDeletesAKeyWithSlashes() {
		Answer put = call("PUT", "/api/kv/keys/app/config/db", "{\"value\":\"postgres://x\"}");
		assertThat(put.status).isEqualTo(200);
		assertThat(put.body.path("key").asString()).isEqualTo("app/config/db");
		assertThat(put.body.path("version").asLong()).isEqualTo(1);
		long revision = put.body.path("revision").asLong();
		assertThat(put.body.path("createRevision").asLong()).isEqualTo(revision);
		assertThat(put.body.path("modRevision").asLong()).isEqualTo(revision);

		Answer get = call("GET", "/api/kv/keys/app/config/db", null);
		assertThat(get.status).isEqualTo(200);
		assertThat(get.body.path("value").asString()).isEqualTo("postgres://x");
		assertThat(get.body.path("consistency").asString()).isEqualTo("linearizable");

		Answer stale = call("GET", "/api/kv/keys/app/config/db?consistency=stale", null);
		assertThat(stale.body.path("consistency").asString()).isEqualTo("stale");
		assertThat(stale.body.path("appliedIndex").asLong()).isPositive();

		assertThat(call("DELETE", "/api/kv/keys/app/config/db", null).status).isEqualTo(200);
		Answer gone = call("GET", "/api/kv/keys/app/config/db", null);
		assertThat(gone.status).isEqualTo(404);
		assertThat(gone.contentType).startsWith("application/problem+json");
		assertThat(gone.body.path("type").asString()).isEqualTo("/problems/kv/key-not-found");
		assertThat(call("DELETE", "/api/kv/keys/app/config/db", null).status).isEqualTo(404);
	}

	@Test
	void comparesAndSetsByVersionAndByValue() {
		assertThat(call("PUT", "/api/kv/keys/cas?expectedVersion=0", "{\"value\":\"a\"}").status).isEqualTo(200);
		Answer taken = call("PUT", "/api/kv/keys/cas?expectedVersion=0", "{\"value\":\"b\"}");
		assertThat(taken.status).isEqualTo(409);
		assertThat(taken.body.path("type").asString()).isEqualTo("/problems/kv/precondition-failed");
		assertThat(taken.body.path("currentVersion").asLong()).isEqualTo(1);
		assertThat(call("PUT", "/api/kv/keys/cas?expectedVersion=1", "{\"value\":\"b\"}").status).isEqualTo(200);
		assertThat(call("PUT", "/api/kv/keys/cas?expectedValue=a", "{\"value\":\"c\"}").status).isEqualTo(409);
		assertThat(call("PUT", "/api/kv/keys/cas?expectedValue=b", "{\"value\":\"c\"}").status).isEqualTo(200);
		assertThat(call("DELETE", "/api/kv/keys/cas?expectedVersion=1", null).status).isEqualTo(409);
		assertThat(call("GET", "/api/kv/keys/cas", null).body.path("value").asString()).isEqualTo("c");
	}

	@Test
	void rejectsAWriteWithAnOlderFencingToken() {
		assertThat(call("PUT", "/api/kv/keys/fenced", "{\"value\":\"1\"}", "X-Fencing-Token", "orders:12").status)
			.isEqualTo(200);
		Answer late = call("PUT", "/api/kv/keys/fenced", "{\"value\":\"late\"}", "X-Fencing-Token", "orders:11");
		assertThat(late.status).isEqualTo(409);
		assertThat(late.body.path("type").asString()).isEqualTo("/problems/kv/fenced");
		assertThat(late.body.path("highestToken").asLong()).isEqualTo(12);
		assertThat(call("GET", "/api/kv/keys/fenced", null).body.path("value").asString()).isEqualTo("1");
	}

	@Test
	void pagesThroughAPrefix() {
		for (String key : List.of("page/c", "page/a", "page/b", "pagex")) {
			call("PUT", "/api/kv/keys/" + key, "{\"value\":\"v\"}");
		}
		Answer first = call("GET", "/api/kv/keys?prefix=page/&limit=2", null);
		assertThat(first.body.path("items").findValuesAsString("key")).containsExactly("page/a", "page/b");
		assertThat(first.body.path("nextKey").asString()).isEqualTo("page/c");
		Answer second = call("GET", "/api/kv/keys?prefix=page/&limit=2&fromKey=page/c", null);
		assertThat(second.body.path("items").findValuesAsString("key")).containsExactly("page/c");
		assertThat(second.body.path("nextKey").isNull()).isTrue();
	}

	@Test
	void deletesTheKeysOfARevokedLease() {
		Answer lease = call("POST", "/api/kv/leases", "{\"ttlMs\":60000}");
		assertThat(lease.status).isEqualTo(201);
		long id = lease.body.path("leaseId").asLong();
		assertThat(call("PUT", "/api/kv/keys/leased", "{\"value\":\"v\",\"leaseId\":" + id + "}").status)
			.isEqualTo(200);
		assertThat(call("POST", "/api/kv/leases/" + id + "/keepalive", null).status).isEqualTo(200);
		assertThat(call("GET", "/api/kv/leases/" + id, null).body.path("keys").get(0).asString()).isEqualTo("leased");
		assertThat(call("DELETE", "/api/kv/leases/" + id, null).status).isEqualTo(204);
		assertThat(call("GET", "/api/kv/keys/leased", null).status).isEqualTo(404);
		assertThat(call("POST", "/api/kv/leases/" + id + "/keepalive", null).status).isEqualTo(404);
		Answer unknownLease = call("PUT", "/api/kv/keys/leased", "{\"value\":\"v\",\"leaseId\":" + id + "}");
		assertThat(unknownLease.status).isEqualTo(404);
		assertThat(unknownLease.body.path("type").asString()).isEqualTo("/problems/kv/lease-not-found");
	}

	@Test
	void expiresALeaseThatIsNotKeptAlive() throws Exception {
		long id = call("POST", "/api/kv/leases", "{\"ttlMs\":300}").body.path("leaseId").asLong();
		call("PUT", "/api/kv/keys/ephemeral", "{\"value\":\"v\",\"leaseId\":" + id + "}");
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (call("GET", "/api/kv/keys/ephemeral", null).status == 200 && System.nanoTime() < deadline) {
			Thread.sleep(50);
		}
		assertThat(call("GET", "/api/kv/keys/ephemeral", null).status).isEqualTo(404);
	}

	@Test
	void answersBadInputWith400NamingTheField() {
		assertField(call("PUT", "/api/kv/keys/k", "{\"value\":\"v\"}", "X-Fencing-Token", "nocolon"),
				"X-Fencing-Token");
		assertField(call("PUT", "/api/kv/keys/k?expectedVersion=-1", "{\"value\":\"v\"}"), "expectedVersion");
		assertField(call("PUT", "/api/kv/keys/k?expectedVersion=abc", "{\"value\":\"v\"}"), "expectedVersion");
		assertField(call("PUT", "/api/kv/keys/k?bogus=1", "{\"value\":\"v\"}"), "bogus");
		assertField(call("PUT", "/api/kv/keys/k", "{}"), "value");
		assertField(call("PUT", "/api/kv/keys/" + "x".repeat(1025), "{\"value\":\"v\"}"), "key");
		assertField(call("PUT", "/api/kv/keys/k", "{\"value\":\"" + "x".repeat(1024 * 1024 + 1) + "\"}"), "value");
		assertField(call("GET", "/api/kv/keys/k?consistency=eventual", null), "consistency");
		assertField(call("GET", "/api/kv/keys?limit=0", null), "limit");
		assertField(call("POST", "/api/kv/leases", "{\"ttlMs\":-5}"), "ttlMs");
		assertField(call("POST", "/api/kv/leases/abc/keepalive", null), "leaseId");
		assertField(call("GET", "/api/kv/watch?fromRevision=-3", null), "fromRevision");
		assertField(call("GET", "/api/kv/watch", null, "Last-Event-ID", String.valueOf(Long.MAX_VALUE)),
				"Last-Event-ID");
		assertField(call("PUT", "/api/kv/keys/k/../cluster", "{\"value\":\"v\"}"), "key");
		assertField(call("GET", "/api/kv/keys/k/./x", null), "key");
		assertField(call("GET", "/api/kv/keys?fromKey=..", null), "fromKey");
		assertField(call("POST", "/api/kv/cluster/members", "{\"id\":\"x\",\"address\":\"localhost:99999\"}"),
				"address");
		assertField(call("POST", "/api/kv/cluster/members", "{\"id\":\"x\",\"address\":\"localhost:0\"}"), "address");
		Answer malformed = call("PUT", "/api/kv/keys/k", "{\"value\":");
		assertThat(malformed.status).isEqualTo(400);
		assertThat(malformed.contentType).startsWith("application/problem+json");
		Answer unknownField = call("PUT", "/api/kv/keys/k", "{\"value\":\"v\",\"ttl\":3}");
		assertThat(unknownField.status).isEqualTo(400);
		for (String mistyped : new String[] { "{\"value\":5}", "{\"value\":true}",
				"{\"value\":\"v\",\"leaseId\":\"7\"}", "{\"value\":\"a\",\"value\":\"b\"}" }) {
			Answer answer = call("PUT", "/api/kv/keys/k", mistyped);
			assertThat(answer.status).as(mistyped).isEqualTo(400);
			assertThat(answer.contentType).startsWith("application/problem+json");
		}
		Answer undecodable = call("GET", "/api/kv/keys/k?consistency=%ff", null);
		assertThat(undecodable.status).as(undecodable.raw).isEqualTo(400);
		assertThat(undecodable.contentType).startsWith("application/problem+json");
		assertThat(call("GET", "/api/kv/keys/k", null).status).as("no bad request changed the store").isEqualTo(404);
	}

	@Test
	void streamsChangesFromARevisionInOrder() throws Exception {
		long start = call("PUT", "/api/kv/keys/watched/a", "{\"value\":\"1\"}").body.path("revision").asLong();
		call("PUT", "/api/kv/keys/other", "{\"value\":\"x\"}");
		call("PUT", "/api/kv/keys/watched/b", "{\"value\":\"2\"}");
		call("DELETE", "/api/kv/keys/watched/a", null);
		HttpRequest request = HttpRequest
			.newBuilder(URI.create(base() + "/api/kv/watch?prefix=watched/&fromRevision=" + start))
			.timeout(Duration.ofSeconds(10))
			.build();
		HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
		assertThat(response.statusCode()).isEqualTo(200);
		List<String> events = new ArrayList<>();
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
			String line;
			while (events.size() < 3 && (line = reader.readLine()) != null) {
				if (line.startsWith("data:")) {
					JsonNode change = json.readTree(line.substring(5));
					events.add(change.path("operation").asString() + " " + change.path("key").asString() + " "
							+ (change.path("revision").asLong() - start));
				}
			}
		}
		assertThat(events).containsExactly("PUT watched/a 0", "PUT watched/b 2", "DELETE watched/a 3");
	}

	@Test
	void describesTheCluster() {
		Answer cluster = call("GET", "/api/kv/cluster", null);
		assertThat(cluster.status).isEqualTo(200);
		assertThat(cluster.body.path("leaderId").asString()).isEqualTo("kv-api-test");
		JsonNode member = cluster.body.path("members").get(0);
		assertThat(member.path("role").asString()).isEqualTo("LEADER");
		assertThat(member.path("term").asLong()).isPositive();
		assertThat(member.path("appliedIndex").asLong()).isPositive();
	}

	@Test
	void exportsRaftAndOperationMetrics() throws Exception {
		call("PUT", "/api/kv/keys/metered", "{\"value\":\"v\"}");
		call("GET", "/api/kv/keys/metered-absent", null);
		HttpRequest fencedLater = HttpRequest.newBuilder(URI.create(base() + "/api/kv/keys/metered-fenced"))
			.header("Content-Type", "application/json")
			.header("X-Fencing-Token", "metered-lock:5")
			.PUT(HttpRequest.BodyPublishers.ofString("{\"value\":\"v\"}"))
			.build();
		assertThat(http.send(fencedLater, HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);
		HttpRequest fencedEarlier = HttpRequest.newBuilder(URI.create(base() + "/api/kv/keys/metered-fenced"))
			.header("Content-Type", "application/json")
			.header("X-Fencing-Token", "metered-lock:3")
			.PUT(HttpRequest.BodyPublishers.ofString("{\"value\":\"v\"}"))
			.build();
		assertThat(http.send(fencedEarlier, HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(409);
		HttpRequest scrape = HttpRequest.newBuilder(URI.create(base() + "/actuator/prometheus")).build();
		String metrics = http.send(scrape, HttpResponse.BodyHandlers.ofString()).body();
		assertThat(metrics).containsPattern("kv_raft_role\\{[^}]*node=\"kv-api-test\"[^}]*\\} 1.0")
			.contains("kv_raft_term")
			.contains("kv_raft_commit_index")
			.contains("kv_raft_applied_index")
			.contains("kv_apply_seconds_count")
			.containsPattern("kv_operations_total\\{[^}]*op=\"put\",outcome=\"ok\"")
			.containsPattern("kv_operations_total\\{[^}]*op=\"get\",outcome=\"key-not-found\"")
			.containsPattern("kv_operations_total\\{[^}]*op=\"put\",outcome=\"fenced\"");
	}

	private void assertField(Answer answer, String field) {
		assertThat(answer.status).as(answer.raw).isEqualTo(400);
		assertThat(answer.contentType).startsWith("application/problem+json");
		assertThat(answer.body.path("field").asString()).as(answer.raw).isEqualTo(field);
	}

	private String base() {
		return "http://127.0.0.1:" + this.port;
	}

	private Answer call(String method, String path, String body, String... headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + path))
			.timeout(Duration.ofSeconds(20))
			.method(method,
					(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
		if (body != null) {
			request.header("Content-Type", "application/json");
		}
		for (int i = 0; i < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		try {
			HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
			String raw = response.body();
			JsonNode node = (raw == null || raw.isBlank()) ? json.createObjectNode() : json.readTree(raw);
			return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), node,
					raw);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private record Answer(int status, String contentType, JsonNode body, String raw) {

	}

}
