package org.dsplatform.system;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.dsplatform.launcher.LocalPlatform;
import org.dsplatform.launcher.ProcessStatus;
import org.dsplatform.launcher.ProcessStatus.State;
import org.dsplatform.launcher.StartupListener;
import org.dsplatform.launcher.Topology;
import org.dsplatform.system.PlatformClient.Reply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A corpus of hostile requests, sent through the gateway to every endpoint of every
 * service: malformed JSON, JSON of the wrong types, bodies and headers above the limits,
 * path traversal, encoded slashes, invalid UTF-8 and NUL bytes in keys and names,
 * negative and overflowing numbers, unknown parameters and fields, wrong content types,
 * missing bodies, unknown leases.
 * <p>
 * The guarantee under test: each is answered with a 4xx problem document
 * ({@code application/problem+json} with {@code type}, a {@code status} equal to the HTTP
 * status and {@code instance}); none with a 5xx; no process crashes or logs an unexpected
 * failure; and nothing changes: no key, lock, semaphore, cache entry or lease appears or
 * moves. The few exceptions are listed in the table with the reason each is acceptable.
 * <p>
 * Reading a failure: the name of the failing dynamic test is the case (method, target,
 * what it tries); its message has the answer received. A case answered 2xx where a 4xx
 * was expected may have changed state; the state check that follows the corpus then says
 * what changed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileInputIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private static final String JSON = "Content-Type: application/json";

	private static final String KEY = "/api/kv/keys/hostile/existing";

	private static final String CACHED = "/api/cache/keys/hostile/cached";

	private static final String MUTEX = "/api/locks/mutex/hostile-m";

	private static final String RW = "/api/locks/rw/hostile-rw";

	private static final String SEMAPHORE = "/api/locks/semaphores/hostile-sem";

	/** Well formed, as acquire returns them, but never granted. */
	private static final String UNKNOWN_LEASE_ID = "AAAAAAAAAAAAAAAAAAAAAA";

	private static final String OVERFLOW = "99999999999999999999";

	private static final int MIB = 1024 * 1024;

	@TempDir
	static Path runDir;

	static LocalPlatform platform;

	static Topology topology;

	static KvSnapshot before;

	static final List<String> refusedByTheGatewayWithoutABody = new ArrayList<>();

	final PlatformClient client = new PlatformClient();

	final JsonMapper json = JsonMapper.builder().build();

	@BeforeAll
	static void startPlatformAndCreateWhatTheCorpusMustNotChange() {
		Path root = Path.of(System.getProperty("platform.root", "..")).toAbsolutePath().normalize();
		assertThat(root.resolve("platform")).as("project root").exists();
		topology = Topology.onFreePorts(3, 3, 2);
		platform = LocalPlatform.create(root, runDir, topology, LocalPlatform.QUICK_START_JVM_OPTIONS);
		platform.start(new StartupListener() {
		}, Duration.ofSeconds(240));
		PlatformClient client = new PlatformClient();
		String gateway = topology.gatewayUrl();
		assertThat(client.put(gateway + KEY, "{\"value\":\"original\"}").status()).isEqualTo(200);
		Reply cached = client.put(gateway + CACHED, "{\"value\":\"original\"}");
		assertThat(cached.status()).as(cached.body()).isEqualTo(200);
		Reply semaphore = client.post(gateway + SEMAPHORE, "{\"permits\":2}");
		assertThat(semaphore.status()).as(semaphore.body()).isEqualTo(201);
		before = KvSnapshot.take(client, gateway);
	}

	@AfterAll
	static void stopPlatform() {
		if (platform != null) {
			platform.stop();
			assertThat(platform.isRunning()).as("a process of the platform is still running").isFalse();
		}
	}

	@TestFactory
	@Order(1)
	Stream<DynamicTest> answersEveryHostileRequestWithAClientErrorProblem() {
		return corpus().stream()
			.map((hostile) -> DynamicTest.dynamicTest(hostile.name(), () -> assertAnsweredAsExpected(hostile)));
	}

	@Test
	@Order(2)
	void changedNoStateAndLeftEveryProcessReady() throws IOException {
		if (!refusedByTheGatewayWithoutABody.isEmpty()) {
			System.out.println("refused by the gateway's HTTP server before routing, with an empty body:");
			refusedByTheGatewayWithoutABody.forEach((name) -> System.out.println("  " + name));
		}
		String gateway = topology.gatewayUrl();
		KvSnapshot after = KvSnapshot.take(this.client, gateway);
		assertThat(after.keys()).as("every key outside the cache registry, with its mod revision and value")
			.isEqualTo(before.keys());
		if (after.revision() != before.revision()) {
			assertThat(after.registryChanges(before))
				.as("the KV revision moved from %d to %d; only the cache nodes' registry may have moved it",
						before.revision(), after.revision())
				.isNotEmpty();
		}
		JsonNode existing = this.client.json(this.client.get(gateway + KEY));
		assertThat(existing.path("value").asString()).isEqualTo("original");
		assertThat(existing.path("version").asLong()).isEqualTo(1);

		Reply cached = this.client.get(gateway + CACHED);
		assertThat(cached.status()).as(cached.body()).isEqualTo(200);
		assertThat(this.client.json(cached).path("value").asString()).isEqualTo("original");

		JsonNode held = this.client.json(this.client.get(gateway + "/api/locks/mutex?limit=1000"));
		assertThat(held.path("locks")).as("held mutexes").isEmpty();
		assertThat(this.client.get(gateway + MUTEX).status()).isEqualTo(404);
		assertThat(this.client.get(gateway + RW).status()).isEqualTo(404);
		JsonNode semaphore = this.client.json(this.client.get(gateway + SEMAPHORE));
		assertThat(semaphore.path("permits").asInt()).isEqualTo(2);
		assertThat(semaphore.path("available").asInt()).isEqualTo(2);
		for (String name : List.of("hostile-new", "hostile-undefined")) {
			assertThat(this.client.get(gateway + "/api/locks/semaphores/" + name).status()).as(name).isEqualTo(404);
		}

		for (ProcessStatus status : platform.status()) {
			assertThat(status.state()).as(status.name()).isEqualTo(State.READY);
			if (status.url().startsWith("http")) {
				assertThat(this.client.get(status.url() + "/actuator/health/readiness").status()).as(status.name())
					.isEqualTo(200);
			}
			String log = Files.readString(platform.logFile(status.name()), StandardCharsets.UTF_8);
			assertThat(log).as(status.name() + " log").doesNotContain("OutOfMemoryError");
			if (!status.name().equals("redis") && !status.name().equals("kafka")) {
				assertThat(log).as(status.name() + " log").doesNotContain("Unexpected failure");
			}
		}
	}

	@Test
	@Order(3)
	void servesOrdinaryRequestsAfterwards() {
		String gateway = topology.gatewayUrl();
		assertThat(this.client.put(gateway + "/api/kv/keys/hostile/after", "{\"value\":\"fine\"}").status())
			.isEqualTo(200);
		assertThat(this.client.json(this.client.get(gateway + "/api/kv/keys/hostile/after")).path("value").asString())
			.isEqualTo("fine");
		assertThat(this.client.put(gateway + "/api/cache/keys/hostile/after", "{\"value\":\"fine\"}").status())
			.isEqualTo(200);
		assertThat(
				this.client.json(this.client.get(gateway + "/api/cache/keys/hostile/after")).path("value").asString())
			.isEqualTo("fine");
		Reply granted = this.client.post(gateway + MUTEX + "/acquire", "{\"owner\":\"after\",\"leaseMs\":5000}");
		assertThat(granted.status()).as(granted.body()).isEqualTo(200);
		Reply released = this.client.post(gateway + MUTEX + "/release",
				"{\"leaseId\":\"" + this.client.json(granted).path("leaseId").asString() + "\"}");
		assertThat(released.status()).isEqualTo(204);
	}

	/**
	 * The cache nodes mark requests among themselves with {@code X-Cache-Replica-Of} and
	 * {@code X-Cache-Forwarded-By}; a client that sends them can store a value on one
	 * node with a revision of its choosing, which later invalidations from the KV do not
	 * override. The cache cannot tell such a request from a peer's, so the gateway drops
	 * these headers from client requests.
	 */
	@Test
	@Order(4)
	void refusesTheCacheNodesInternalHeadersFromClients() {
		byte[] body = "{\"value\":\"forged\",\"revision\":999999}".getBytes(StandardCharsets.UTF_8);
		RawHttp.Reply forged = RawHttp.exchange(topology.gatewayPort(),
				"PUT /api/cache/keys/hostile/forged HTTP/1.1\r\nHost: 127.0.0.1\r\n" + JSON
						+ "\r\nX-Cache-Replica-Of: cache-1\r\nContent-Length: " + body.length
						+ "\r\nConnection: close\r\n\r\n",
				body, TIMEOUT);
		assertThat(forged.status()).as(forged.text()).isBetween(400, 499);
		assertThat(this.client.get(topology.gatewayUrl() + "/api/cache/keys/hostile/forged").status()).isEqualTo(404);
	}

	private void assertAnsweredAsExpected(Hostile hostile) {
		byte[] body = hostile.body().get();
		RawHttp.Reply reply = RawHttp.exchange(topology.gatewayPort(), hostile.head(topology.gatewayPort(), body), body,
				TIMEOUT);
		String answer = reply.status() + " " + reply.contentType() + " " + abbreviate(reply.text());
		assertThat(reply.status()).as("a 5xx is never acceptable: " + answer).isLessThan(500);
		if (hostile.expect() == Expect.HARMLESS_SUCCESS) {
			assertThat(reply.status()).as(answer).isBetween(200, 299);
			return;
		}
		assertThat(reply.status()).as(answer).isEqualTo(hostile.status());
		if (hostile.expect() == Expect.PROBLEM_OR_GATEWAY_REFUSAL && reply.body().length == 0) {
			refusedByTheGatewayWithoutABody.add(hostile.name() + " -> " + reply.status());
			return;
		}
		assertThat(reply.contentType()).as(answer).startsWith("application/problem+json");
		JsonNode problem = this.json.readTree(reply.body());
		assertThat(problem.path("type").asString()).as(answer).startsWith("/problems/");
		assertThat(problem.path("status").asInt()).as(answer).isEqualTo(reply.status());
		assertThat(problem.path("instance").asString()).as(answer).isNotEmpty();
	}

	private static String abbreviate(String text) {
		return (text.length() > 400) ? text.substring(0, 400) + "..." : text;
	}

	/**
	 * The corpus. Every case expects a problem document with the given status unless it
	 * says otherwise; the description says what is hostile about it.
	 */
	static List<Hostile> corpus() {
		List<Hostile> corpus = new ArrayList<>();
		String longKey = "k".repeat(1100);
		String deepJson = "{\"value\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}";
		byte[] invalidUtf8 = concat("{\"value\":\"".getBytes(StandardCharsets.US_ASCII),
				new byte[] { (byte) 0xff, (byte) 0xfe, (byte) 0xc0, (byte) 0xaf },
				"\"}".getBytes(StandardCharsets.US_ASCII));
		String hugeHeader = "X-Filler: " + "a".repeat(64 * 1024);

		// kv keys: bodies
		corpus.add(request("PUT", KEY).json("{\"value\":").expect(400, "malformed JSON: truncated object"));
		corpus.add(request("PUT", KEY).json("{value:\"v\"}").expect(400, "malformed JSON: unquoted field name"));
		corpus.add(request("PUT", KEY).json("{\"value\":5}").expect(400, "a number where the value string belongs"));
		corpus.add(request("PUT", KEY).json("{\"value\":true}").expect(400, "a boolean where a string belongs"));
		corpus.add(request("PUT", KEY).json("{\"value\":{\"v\":1}}").expect(400, "an object where a string belongs"));
		corpus.add(request("PUT", KEY).json("[\"v\"]").expect(400, "an array where the object belongs"));
		corpus.add(request("PUT", KEY).json("null").expect(400, "JSON null as the body"));
		corpus.add(request("PUT", KEY).json("\"v\"").expect(400, "a JSON string as the body"));
		corpus.add(request("PUT", KEY).json("").expect(400, "an empty body where one is required"));
		corpus.add(request("PUT", KEY).json("{\"value\":\"v\",\"leaseId\":\"7\"}")
			.expect(400, "a string where the lease id number belongs"));
		corpus.add(request("PUT", KEY).json("{\"value\":\"v\",\"leaseId\":-1}").expect(400, "a negative lease id"));
		corpus.add(request("PUT", KEY).json("{\"value\":\"v\",\"leaseId\":" + OVERFLOW + "}")
			.expect(400, "a lease id that overflows a long"));
		corpus.add(request("PUT", KEY).json("{\"value\":\"v\",\"leaseId\":1.5}").expect(400, "a fractional lease id"));
		corpus.add(request("PUT", KEY).json("{\"value\":\"v\",\"leaseId\":123456789}")
			.expect(404, "a lease id that was never granted"));
		corpus.add(request("PUT", KEY).json("{\"value\":\"v\",\"ttl\":3}").expect(400, "an unknown field"));
		corpus.add(request("PUT", KEY).json("{\"value\":\"a\",\"value\":\"b\"}").expect(400, "a field given twice"));
		corpus.add(request("PUT", KEY).json("{\"value\":\"v\"} {\"value\":\"w\"}")
			.expect(400, "a second JSON value after the body"));
		corpus.add(request("PUT", KEY).body(JSON, invalidUtf8).expect(400, "invalid UTF-8 inside a JSON string"));
		corpus.add(request("PUT", KEY).json(deepJson).expect(400, "arrays nested 100000 deep"));
		corpus.add(request("PUT", KEY).json(jsonValueOfBytes(MIB + 1)).expect(400, "a value 1 byte above 1 MiB"));
		corpus.add(request("PUT", KEY).body(JSON, () -> jsonValueOfBytes(32 * MIB).getBytes(StandardCharsets.UTF_8))
			.expect(413, "a 32 MiB body, refused before it is read"));
		corpus.add(request("PUT", KEY).chunked(JSON, () -> jsonValueOfBytes(16 * MIB).getBytes(StandardCharsets.UTF_8))
			.expect(413, "a 16 MiB chunked body, read only up to the limit"));
		corpus.add(request("PUT", KEY).body("Content-Type: text/plain", "{\"value\":\"v\"}")
			.expect(415, "a JSON body declared as text"));
		corpus.add(request("PUT", KEY).body("Content-Type: application/x-www-form-urlencoded", "value=v")
			.expect(415, "a form instead of JSON"));
		corpus.add(request("PUT", KEY).body(null, "{\"value\":\"v\"}").expect(415, "a body without a content type"));
		corpus.add(request("PUT", KEY).header("Content-Type: application/json; charset=ebcdic-bogus")
			.body(null, "{\"value\":\"v\"}")
			.expect(415, "an unknown charset"));

		// kv keys: parameters and headers
		corpus.add(request("PUT", KEY + "?expectedVersion=-5").json("{\"value\":\"v\"}")
			.expect(400, "a negative expected version"));
		corpus.add(request("PUT", KEY + "?expectedVersion=" + OVERFLOW).json("{\"value\":\"v\"}")
			.expect(400, "an expected version that overflows a long"));
		corpus.add(request("PUT", KEY + "?expectedVersion=abc").json("{\"value\":\"v\"}")
			.expect(400, "letters where a number belongs"));
		corpus.add(request("PUT", KEY + "?bogus=1").json("{\"value\":\"v\"}").expect(400, "an unknown parameter"));
		corpus.add(request("PUT", KEY).header("X-Fencing-Token: nocolon")
			.json("{\"value\":\"v\"}")
			.expect(400, "a fencing token without its lock name"));
		corpus.add(request("PUT", KEY).header("X-Fencing-Token: lock:-1")
			.json("{\"value\":\"v\"}")
			.expect(400, "a negative fencing token"));
		corpus.add(request("PUT", KEY).header("X-Fencing-Token: lock:" + OVERFLOW)
			.json("{\"value\":\"v\"}")
			.expect(400, "a fencing token that overflows a long"));
		corpus.add(request("DELETE", KEY + "?expectedVersion=-1").expect(400, "a negative expected version"));
		corpus.add(request("DELETE", KEY + "?bogus=1").expect(400, "an unknown parameter on a delete"));
		corpus.add(request("GET", KEY + "?consistency=bogus").expect(400, "an unknown consistency"));
		corpus.add(request("GET", KEY + "?consistency=%ff%fe").expect(400, "invalid UTF-8 in a parameter"));
		corpus.add(request("GET", KEY + "?consistency=%zz").expectGatewayRefusal(400,
				"an invalid percent-encoding in the query"));
		corpus.add(request("GET", KEY).header("Accept: application/xml").expect(406, "a media type never served"));
		corpus.add(request("GET", KEY).header(hugeHeader).expectGatewayRefusal(431, "a 64 KiB header"));
		corpus.add(request("PATCH", KEY).json("{\"value\":\"v\"}").expect(405, "a method the endpoint lacks"));
		corpus.add(request("POST", KEY).json("{\"value\":\"v\"}").expect(405, "a method the endpoint lacks"));
		corpus.add(request("TRACE", KEY).expect(405, "TRACE, refused by the container itself"));
		corpus.add(request("OPTIONS", KEY)
			.expectHarmlessSuccess("OPTIONS lists the allowed methods; it reads nothing and changes nothing"));
		corpus.add(request("GET", KEY).header("X-HTTP-Method-Override: DELETE")
			.expectHarmlessSuccess("a method override header is ignored: the key is read, not deleted"));

		// kv keys: the key in the path
		corpus.add(request("GET", "/api/kv/keys/../cluster").expect(400, "path traversal to the cluster endpoint"));
		corpus.add(request("PUT", "/api/kv/keys/hostile/../../cluster/leader").json("{\"value\":\"v\"}")
			.expect(400, "path traversal to leadership transfer"));
		corpus.add(request("GET", "/api/kv/keys/%2e%2e/cluster").expect(400, "encoded path traversal"));
		corpus.add(request("PUT", "/api/kv/keys/hostile%2F..%2F..%2Fcluster").json("{\"value\":\"v\"}")
			.expect(400, "encoded slashes and dot segments"));
		corpus.add(request("GET", "/api/kv/keys/hostile%2Fexisting").expect(400, "an encoded slash"));
		corpus.add(request("GET", "/api/kv/keys/hostile/a%5Cb").expect(400, "an encoded backslash"));
		corpus.add(request("GET", "/api/kv/keys/hostile/%ff%fe").expect(400, "invalid UTF-8 in the key"));
		corpus.add(request("PUT", "/api/kv/keys/hostile/%c0%af").json("{\"value\":\"v\"}")
			.expect(400, "an overlong UTF-8 encoding of '/'"));
		corpus.add(request("GET", "/api/kv/keys/hostile/a%00b").expect(400, "an encoded NUL in the key"));
		corpus.add(request("PUT", "/api/kv/keys/hostile/a%0d%0aX-Injected:%201").json("{\"value\":\"v\"}")
			.expect(400, "CR LF in the key"));
		corpus.add(request("GET", "/api/kv/keys/hostile/a\u00ff\u00feb").expect(404,
				"raw bytes 0xFF 0xFE in the path: the gateway reads them as ISO-8859-1 and asks for "
						+ "that (absent) key; a read, so nothing can change"));
		corpus.add(request("GET", "/api/kv/keys/hostile/a;b=c").expect(404,
				"a path parameter: dropped from the key, which is absent; a read"));
		corpus.add(request("GET", "/api/kv/keys/hostile/a b").expectGatewayRefusal(400, "a raw space in the path"));
		corpus.add(request("GET", "/api/kv/keys/hostile/a\u0000b").expectGatewayRefusal(400, "a raw NUL in the path"));
		corpus.add(request("GET", "/api/kv/keys/" + longKey).expect(400, "a key above 1 KiB"));
		corpus.add(request("GET", "/api/kv/keys/" + "k".repeat(5000)).expectGatewayRefusal(414,
				"a request line longer than the gateway accepts"));
		corpus.add(request("GET", "/api/kv/keys/").expect(400, "an empty key"));

		// kv ranges
		corpus.add(request("GET", "/api/kv/keys?limit=-1").expect(400, "a negative limit"));
		corpus.add(request("GET", "/api/kv/keys?limit=0").expect(400, "a zero limit"));
		corpus.add(request("GET", "/api/kv/keys?limit=abc").expect(400, "letters where a number belongs"));
		corpus.add(request("GET", "/api/kv/keys?limit=" + OVERFLOW).expect(400, "a limit that overflows"));
		corpus.add(request("GET", "/api/kv/keys?prefix=%00").expect(400, "a NUL in the prefix"));
		corpus.add(request("GET", "/api/kv/keys?prefix=%ff").expect(400, "invalid UTF-8 in the prefix"));
		corpus.add(request("GET", "/api/kv/keys?fromKey=../x").expect(400, "a dot segment in fromKey"));
		corpus.add(request("GET", "/api/kv/keys?fromKey=").expect(400, "an empty fromKey"));
		corpus.add(request("GET", "/api/kv/keys?consistency=bogus").expect(400, "an unknown consistency"));
		corpus.add(request("GET", "/api/kv/keys?bogus=1").expect(400, "an unknown parameter"));

		// kv leases
		String leases = "/api/kv/leases";
		corpus.add(request("POST", leases).json("{\"ttlMs\":").expect(400, "malformed JSON"));
		corpus.add(request("POST", leases).json("{\"ttlMs\":-1}").expect(400, "a negative ttl"));
		corpus.add(request("POST", leases).json("{\"ttlMs\":0}").expect(400, "a zero ttl"));
		corpus.add(request("POST", leases).json("{\"ttlMs\":" + OVERFLOW + "}").expect(400, "a ttl that overflows"));
		corpus.add(request("POST", leases).json("{\"ttlMs\":\"1000\"}").expect(400, "a string where a number belongs"));
		corpus.add(request("POST", leases).json("{\"ttlMs\":1000.5}").expect(400, "a fractional ttl"));
		corpus.add(request("POST", leases).json("{}").expect(400, "no ttl"));
		corpus.add(request("POST", leases).json("[]").expect(400, "an array where the object belongs"));
		corpus.add(request("POST", leases).json("").expect(400, "an empty body"));
		corpus.add(request("POST", leases).body("Content-Type: text/plain", "{\"ttlMs\":1000}")
			.expect(415, "a JSON body declared as text"));
		corpus.add(request("POST", leases + "?bogus=1").json("{\"ttlMs\":1000}")
			.expect(400, "an unknown parameter on an otherwise valid grant"));
		corpus.add(request("POST", leases + "/123456789/keepalive").expect(404, "a lease never granted"));
		corpus.add(request("POST", leases + "/abc/keepalive").expect(400, "letters where a lease id belongs"));
		corpus.add(request("POST", leases + "/-1/keepalive").expect(400, "a negative lease id"));
		corpus.add(request("POST", leases + "/" + OVERFLOW + "/keepalive").expect(400, "a lease id that overflows"));
		corpus.add(request("GET", leases + "/123456789").expect(404, "a lease never granted"));
		corpus.add(request("DELETE", leases + "/123456789").expect(404, "revoking a lease never granted"));
		corpus.add(request("DELETE", leases + "/1e3").expect(400, "a lease id in exponent notation"));

		// kv watch: none of these may open a stream
		String watch = "/api/kv/watch";
		corpus.add(request("GET", watch + "?fromRevision=abc").expect(400, "letters where a revision belongs"));
		corpus.add(request("GET", watch + "?fromRevision=-1").expect(400, "a negative revision"));
		corpus.add(request("GET", watch + "?fromRevision=" + OVERFLOW).expect(400, "a revision that overflows"));
		corpus.add(request("GET", watch + "?prefix=%00").expect(400, "a NUL in the prefix"));
		corpus.add(request("GET", watch + "?bogus=1").expect(400, "an unknown parameter"));
		corpus.add(request("GET", watch).header("Last-Event-ID: abc").expect(400, "letters in Last-Event-ID"));
		corpus.add(request("GET", watch).header("Last-Event-ID: " + Long.MAX_VALUE)
			.expect(400, "a Last-Event-ID whose successor overflows"));
		corpus.add(request("GET", watch).header("Accept: application/json").expect(406, "JSON instead of events"));

		// kv cluster: never a valid membership or leadership change
		String cluster = "/api/kv/cluster";
		corpus.add(request("GET", cluster + "?verbose=1").expect(400, "an unknown parameter"));
		corpus.add(request("POST", cluster + "/leader").json("{\"targetId\":5}")
			.expect(400, "a number where the member id belongs"));
		corpus.add(request("POST", cluster + "/leader").json("{\"targetId\":\"nobody\"}")
			.expect(400, "a member that does not exist"));
		corpus.add(request("POST", cluster + "/leader").json("{}").expect(400, "no target"));
		corpus.add(request("POST", cluster + "/leader").json("").expect(400, "an empty body"));
		corpus.add(request("POST", cluster + "/members").json("{\"id\":\"x\",\"address\":\"10.0.0.1:99999\"}")
			.expect(400, "a port above 65535"));
		corpus.add(request("POST", cluster + "/members").json("{\"id\":\"../x\",\"address\":\"h:1\"}")
			.expect(400, "path characters in a member id"));
		corpus.add(request("POST", cluster + "/members").json("{\"id\":\"x\"}").expect(400, "no address"));
		corpus.add(request("POST", cluster + "/members").json("{\"id\":\"bad id\",\"address\":\"h:1\",\"voter\":1}")
			.expect(400, "an unknown field"));
		corpus.add(request("DELETE", cluster + "/members/nobody").expect(400, "removing a member that does not exist"));
		corpus.add(request("DELETE", cluster + "/members/..").expect(400, "a dot segment as the member id"));
		corpus.add(request("DELETE", cluster + "/members/%ff").expect(400, "invalid UTF-8 as the member id"));
		corpus.add(request("GET", "/api/kv/nothing-here").expect(404, "a path no kv endpoint serves"));

		// cache keys
		corpus.add(request("PUT", CACHED).json("{\"value\":").expect(400, "malformed JSON"));
		corpus.add(request("PUT", CACHED).json("{\"value\":5}").expect(400, "a number where the string belongs"));
		corpus.add(request("PUT", CACHED).json("{\"value\":\"v\",\"ttlMs\":-1}").expect(400, "a negative ttl"));
		corpus.add(request("PUT", CACHED).json("{\"value\":\"v\",\"ttlMs\":0}").expect(400, "a zero ttl"));
		corpus.add(request("PUT", CACHED).json("{\"value\":\"v\",\"ttlMs\":" + OVERFLOW + "}")
			.expect(400, "a ttl that overflows"));
		corpus.add(request("PUT", CACHED).json("{\"value\":\"v\",\"ttlMs\":\"100\"}")
			.expect(400, "a string where the ttl belongs"));
		corpus.add(request("PUT", CACHED).json("{\"value\":\"v\",\"revision\":5}")
			.expect(400, "a revision, which only the cache sets"));
		corpus.add(request("PUT", CACHED).json("{\"value\":\"v\",\"owner\":\"me\"}").expect(400, "an unknown field"));
		corpus.add(request("PUT", CACHED).json("[]").expect(400, "an array where the object belongs"));
		corpus.add(request("PUT", CACHED).json("").expect(400, "an empty body"));
		corpus.add(request("PUT", CACHED).json(jsonValueOfBytes(MIB + 1)).expect(400, "a value 1 byte above 1 MiB"));
		corpus.add(request("PUT", CACHED).body(JSON, () -> jsonValueOfBytes(32 * MIB).getBytes(StandardCharsets.UTF_8))
			.expect(413, "a 32 MiB body"));
		corpus.add(request("PUT", CACHED).body("Content-Type: text/plain", "{\"value\":\"v\"}")
			.expect(415, "a JSON body declared as text"));
		corpus.add(request("GET", CACHED + "?source=bogus").expect(400, "an unknown source"));
		corpus.add(request("GET", CACHED + "?source=%ff").expect(400, "invalid UTF-8 in a parameter"));
		corpus.add(request("GET", CACHED + "?bogus=1").expect(400, "an unknown parameter"));
		corpus.add(request("DELETE", CACHED + "?x=1").expect(400, "an unknown parameter on a delete"));
		corpus.add(request("PATCH", CACHED).json("{\"value\":\"v\"}").expect(405, "a method the endpoint lacks"));
		corpus.add(request("GET", "/api/cache/keys/../ring").expect(400, "path traversal to the ring"));
		corpus.add(request("PUT", "/api/cache/keys/%2e%2e").json("{\"value\":\"v\"}").expect(400, "key '..'"));
		corpus.add(request("GET", "/api/cache/keys/hostile%2Fcached").expect(400, "an encoded slash"));
		corpus.add(request("GET", "/api/cache/keys/hostile/%ff%fe").expect(400, "invalid UTF-8 in the key"));
		corpus.add(request("GET", "/api/cache/keys/hostile/a%00b").expect(400, "an encoded NUL in the key"));
		corpus.add(request("PUT", "/api/cache/keys/" + longKey).json("{\"value\":\"v\"}")
			.expect(400, "a key above 1 KiB"));
		corpus.add(request("GET", "/api/cache/keys/").expect(400, "an empty key"));
		corpus.add(request("GET", "/api/cache/ring?bogus=1").expect(400, "an unknown parameter"));
		corpus.add(request("GET", "/api/cache/stats?bogus=1").expect(400, "an unknown parameter"));
		corpus.add(request("GET", CACHED).header(hugeHeader).expectGatewayRefusal(431, "a 64 KiB header"));

		// locks: mutex
		String acquire = MUTEX + "/acquire";
		corpus.add(request("POST", acquire).json("{\"owner\":").expect(400, "malformed JSON"));
		corpus.add(request("POST", acquire).json("").expect(400, "an empty body"));
		corpus.add(request("POST", acquire).json("{\"owner\":\"o\",\"leaseMs\":-1}").expect(400, "a negative lease"));
		corpus.add(request("POST", acquire).json("{\"owner\":\"o\",\"leaseMs\":0}").expect(400, "a zero lease"));
		corpus.add(request("POST", acquire).json("{\"owner\":\"o\",\"leaseMs\":" + OVERFLOW + "}")
			.expect(400, "a lease that overflows"));
		corpus.add(request("POST", acquire).json("{\"owner\":\"o\",\"leaseMs\":\"1000\"}")
			.expect(400, "a string where the lease belongs"));
		corpus.add(request("POST", acquire).json("{\"owner\":\"o\",\"leaseMs\":1000.5}")
			.expect(400, "a fractional lease"));
		corpus.add(request("POST", acquire).json("{\"owner\":5,\"leaseMs\":1000}")
			.expect(400, "a number where the owner belongs"));
		corpus.add(request("POST", acquire).json("{\"owner\":null,\"leaseMs\":1000}").expect(400, "a null owner"));
		corpus.add(request("POST", acquire).json("{\"owner\":\"" + "o".repeat(300) + "\",\"leaseMs\":1000}")
			.expect(400, "an owner above 256 bytes"));
		corpus.add(request("POST", acquire).json("{\"owner\":\"o\\u0000\",\"leaseMs\":1000}")
			.expect(400, "a NUL in the owner"));
		corpus.add(request("POST", acquire).json("{\"owner\":\"o\",\"leaseMs\":1000,\"fair\":1}")
			.expect(400, "a number where a boolean belongs"));
		corpus.add(request("POST", acquire).json("{\"owner\":\"o\",\"leaseMs\":1000,\"fair\":\"yes\"}")
			.expect(400, "a string where a boolean belongs"));
		corpus.add(request("POST", acquire).json("{\"owner\":\"o\",\"leaseMs\":1000,\"waitMs\":-1}")
			.expect(400, "a negative wait"));
		corpus.add(request("POST", acquire).json("{\"owner\":\"o\",\"leaseMs\":1000,\"waitMs\":99999999999}")
			.expect(400, "a wait above the limit"));
		corpus.add(request("POST", acquire).json("{\"owner\":\"o\",\"leaseMs\":1000,\"lease\":1}")
			.expect(400, "an unknown field on an otherwise valid acquire"));
		corpus.add(request("POST", acquire).json("[]").expect(400, "an array where the object belongs"));
		corpus.add(request("POST", acquire).body("Content-Type: text/plain", "{\"owner\":\"o\",\"leaseMs\":1000}")
			.expect(415, "a JSON body declared as text"));
		corpus.add(request("POST", acquire + "?bogus=1").json("{\"owner\":\"o\",\"leaseMs\":1000}")
			.expect(400, "an unknown parameter on an otherwise valid acquire"));
		corpus
			.add(request("POST", acquire).body(JSON, () -> jsonValueOfBytes(32 * MIB).getBytes(StandardCharsets.UTF_8))
				.expect(413, "a 32 MiB body"));
		corpus
			.add(request("POST", "/api/locks/mutex/" + longKey + "/acquire").json("{\"owner\":\"o\",\"leaseMs\":1000}")
				.expect(400, "a name above 1 KiB"));
		corpus.add(request("POST", "/api/locks/mutex/a%2Fb/acquire").json("{\"owner\":\"o\",\"leaseMs\":1000}")
			.expect(400, "an encoded slash in the name"));
		corpus.add(request("POST", "/api/locks/mutex/%2e%2e/acquire").json("{\"owner\":\"o\",\"leaseMs\":1000}")
			.expect(400, "name '..', encoded"));
		corpus.add(request("POST", "/api/locks/mutex/../acquire").json("{\"owner\":\"o\",\"leaseMs\":1000}")
			.expect(400, "name '..'"));
		corpus.add(request("POST", "/api/locks/mutex/a%00b/acquire").json("{\"owner\":\"o\",\"leaseMs\":1000}")
			.expect(400, "an encoded NUL in the name"));
		corpus.add(request("POST", "/api/locks/mutex/%ff%fe/acquire").json("{\"owner\":\"o\",\"leaseMs\":1000}")
			.expect(400, "invalid UTF-8 in the name"));
		corpus.add(request("POST", MUTEX + "/renew").json("{\"leaseId\":\"" + UNKNOWN_LEASE_ID + "\",\"leaseMs\":1000}")
			.expect(409, "renewing a lease never granted"));
		corpus.add(request("POST", MUTEX + "/renew").json("{\"leaseId\":\"../../x\",\"leaseMs\":1000}")
			.expect(400, "a lease id that is not one"));
		corpus.add(request("POST", MUTEX + "/renew").json("{\"leaseId\":\"" + UNKNOWN_LEASE_ID + "\",\"leaseMs\":-1}")
			.expect(400, "a negative lease"));
		corpus.add(request("POST", MUTEX + "/release").json("{\"leaseId\":\"" + UNKNOWN_LEASE_ID + "\"}")
			.expect(409, "releasing a lease never granted"));
		corpus.add(request("POST", MUTEX + "/release").json("{}").expect(400, "no lease id"));
		corpus.add(request("POST", MUTEX + "/release").json("{\"leaseId\":5}")
			.expect(400, "a number where the lease id belongs"));
		corpus.add(request("GET", MUTEX).expect(404, "a mutex nobody holds"));
		corpus.add(request("GET", MUTEX + "/acquire").expect(405, "GET on acquire"));
		corpus.add(request("GET", "/api/locks/mutex?limit=-1").expect(400, "a negative limit"));
		corpus.add(request("GET", "/api/locks/mutex?limit=abc").expect(400, "letters where a number belongs"));
		corpus.add(request("GET", "/api/locks/mutex?limit=" + OVERFLOW).expect(400, "a limit that overflows"));
		corpus.add(request("GET", "/api/locks/mutex?prefix=%00").expect(400, "a NUL in the prefix"));
		corpus.add(request("GET", "/api/locks/mutex?prefix=%ff").expect(400, "invalid UTF-8 in the prefix"));
		corpus.add(request("GET", "/api/locks/mutex?limt=5").expect(400, "a misspelt parameter"));

		// locks: read-write
		corpus.add(request("POST", RW + "/acquire").json("{\"owner\":\"o\",\"leaseMs\":1000,\"mode\":\"bogus\"}")
			.expect(400, "an unknown mode"));
		corpus.add(request("POST", RW + "/acquire").json("{\"owner\":\"o\",\"leaseMs\":1000}").expect(400, "no mode"));
		corpus.add(request("POST", RW + "/acquire").json("{\"owner\":\"o\",\"leaseMs\":1000,\"mode\":5}")
			.expect(400, "a number where the mode belongs"));
		corpus.add(request("POST", RW + "/renew").json("{\"leaseId\":\"" + UNKNOWN_LEASE_ID + "\",\"leaseMs\":1000}")
			.expect(409, "renewing a lease never granted"));
		corpus.add(request("POST", RW + "/release").json("{\"leaseId\":\"" + UNKNOWN_LEASE_ID + "\"}")
			.expect(409, "releasing a lease never granted"));
		corpus.add(request("GET", RW + "?mode=write").expect(400, "an unknown parameter"));

		// locks: semaphores
		String newSemaphore = "/api/locks/semaphores/hostile-new";
		corpus.add(request("POST", newSemaphore).json("{\"permits\":0}").expect(400, "zero permits"));
		corpus.add(request("POST", newSemaphore).json("{\"permits\":-1}").expect(400, "negative permits"));
		corpus.add(request("POST", newSemaphore).json("{\"permits\":2147483648}")
			.expect(400, "permits that overflow an int"));
		corpus.add(
				request("POST", newSemaphore).json("{\"permits\":\"2\"}").expect(400, "a string where permits belong"));
		corpus.add(request("POST", newSemaphore).json("{\"permits\":1.5}").expect(400, "fractional permits"));
		corpus.add(request("POST", newSemaphore).json("{}").expect(400, "no permits"));
		corpus.add(request("POST", SEMAPHORE).json("{\"permits\":3}")
			.expect(409, "redefining a semaphore with other permits"));
		corpus.add(request("POST", "/api/locks/semaphores/hostile-undefined/acquire")
			.json("{\"owner\":\"o\",\"leaseMs\":1000}")
			.expect(404, "acquiring a semaphore never defined"));
		corpus.add(request("POST", SEMAPHORE + "/renew")
			.json("{\"leaseId\":\"" + UNKNOWN_LEASE_ID + "\",\"leaseMs\":1000}")
			.expect(409, "renewing a permit never granted"));
		corpus.add(request("POST", SEMAPHORE + "/release").json("{\"leaseId\":\"" + UNKNOWN_LEASE_ID + "\"}")
			.expect(409, "releasing a permit never granted"));
		corpus.add(request("GET", "/api/locks/semaphores/hostile-undefined").expect(404, "a semaphore never defined"));
		corpus.add(request("GET", MUTEX).header(hugeHeader).expectGatewayRefusal(431, "a 64 KiB header"));

		// the gateway itself
		corpus.add(request("GET", "/api/nothing-here").expect(404, "a path no route serves"));
		corpus.add(request("PUT", KEY).header("Transfer-Encoding: chunked")
			.header("Content-Length: 4")
			.rawBody("c\r\n{\"value\":\"v\r\n0\r\n\r\n")
			.expectGatewayRefusal(400, "both Content-Length and chunked framing, with a malformed body either way"));
		corpus.add(request("PUT", KEY).header("Content-Length: abc")
			.header(JSON)
			.rawBody("")
			.expectGatewayRefusal(400, "a Content-Length that is not a number"));
		return corpus;
	}

	private static String jsonValueOfBytes(int bytes) {
		return "{\"value\":\"" + "x".repeat(bytes) + "\"}";
	}

	private static byte[] concat(byte[]... parts) {
		ByteArrayOutputStream all = new ByteArrayOutputStream();
		for (byte[] part : parts) {
			all.writeBytes(part);
		}
		return all.toByteArray();
	}

	private static Builder request(String method, String target) {
		return new Builder(method, target);
	}

	/**
	 * What an answer must be.
	 */
	enum Expect {

		/** A problem document with the case's 4xx status. */
		PROBLEM,

		/**
		 * The case's 4xx status, as a problem document or, when the gateway's HTTP server
		 * refuses the request before routing it (a header or request line above its
		 * limits, a request it cannot parse), with an empty body.
		 */
		PROBLEM_OR_GATEWAY_REFUSAL,

		/** A 2xx that reads or changes nothing; the state check proves the latter. */
		HARMLESS_SUCCESS

	}

	/**
	 * One hostile request and the answer it must get.
	 *
	 * @param method the request method
	 * @param target the request target exactly as sent (ISO-8859-1 characters for bytes)
	 * @param headers header lines besides Host, Content-Length and Connection
	 * @param body the body, made when the case runs
	 * @param chunked whether the body goes out in chunked framing
	 * @param raw whether the body goes out as it is, with no framing header added
	 * @param status the expected status
	 * @param expect the expected kind of answer
	 * @param why what is hostile about it, and why the expected answer is right
	 */
	record Hostile(String method, String target, List<String> headers, Supplier<byte[]> body, boolean chunked,
			boolean raw, int status, Expect expect, String why) {

		String name() {
			String shown = (this.target.length() > 80)
					? this.target.substring(0, 80) + "...(" + this.target.length() + " chars)" : this.target;
			StringBuilder printable = new StringBuilder();
			for (char c : shown.toCharArray()) {
				printable.append((c < 0x20 || c > 0x7e) ? String.format("\\x%02X", (int) c) : String.valueOf(c));
			}
			return this.method + " " + printable + ": " + this.why;
		}

		String head(int port, byte[] body) {
			StringBuilder head = new StringBuilder();
			head.append(this.method).append(' ').append(this.target).append(" HTTP/1.1\r\n");
			head.append("Host: 127.0.0.1:").append(port).append("\r\n");
			for (String header : this.headers) {
				head.append(header).append("\r\n");
			}
			if (this.chunked) {
				head.append("Transfer-Encoding: chunked\r\n");
			}
			else if (!this.raw && (body.length > 0 || Arrays.asList("PUT", "POST", "PATCH").contains(this.method))) {
				head.append("Content-Length: ").append(body.length).append("\r\n");
			}
			head.append("Connection: close\r\n\r\n");
			return head.toString();
		}

	}

	static final class Builder {

		private final String method;

		private final String target;

		private final List<String> headers = new ArrayList<>();

		private Supplier<byte[]> body = () -> new byte[0];

		private boolean chunked;

		private boolean raw;

		Builder(String method, String target) {
			this.method = method;
			this.target = target;
		}

		Builder header(String line) {
			this.headers.add(line);
			return this;
		}

		Builder json(String text) {
			return body(JSON, text);
		}

		Builder body(String contentType, String text) {
			return body(contentType, text.getBytes(StandardCharsets.UTF_8));
		}

		Builder body(String contentType, byte[] bytes) {
			return body(contentType, () -> bytes);
		}

		Builder body(String contentType, Supplier<byte[]> bytes) {
			if (contentType != null) {
				this.headers.add(contentType);
			}
			this.body = bytes;
			return this;
		}

		Builder chunked(String contentType, Supplier<byte[]> bytes) {
			this.chunked = true;
			return body(contentType, () -> chunk(bytes.get()));
		}

		/** A body sent as it is: the case's headers say how it is framed. */
		Builder rawBody(String text) {
			this.raw = true;
			this.body = () -> text.getBytes(StandardCharsets.ISO_8859_1);
			return this;
		}

		Hostile expect(int status, String why) {
			return build(status, Expect.PROBLEM, why);
		}

		Hostile expectGatewayRefusal(int status, String why) {
			return build(status, Expect.PROBLEM_OR_GATEWAY_REFUSAL, why);
		}

		Hostile expectHarmlessSuccess(String why) {
			return build(200, Expect.HARMLESS_SUCCESS, why);
		}

		private Hostile build(int status, Expect expect, String why) {
			return new Hostile(this.method, this.target, List.copyOf(this.headers), this.body, this.chunked, this.raw,
					status, expect, why);
		}

		private static byte[] chunk(byte[] body) {
			ByteArrayOutputStream chunked = new ByteArrayOutputStream();
			int size = 64 * 1024;
			for (int at = 0; at < body.length; at += size) {
				int length = Math.min(size, body.length - at);
				chunked.writeBytes((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
				chunked.write(body, at, length);
				chunked.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
			}
			chunked.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
			return chunked.toByteArray();
		}

	}

	/**
	 * Every key of the KV outside the cache nodes' registry, with its mod revision and
	 * value, and the store's revision.
	 */
	record KvSnapshot(long revision, Map<String, String> keys, Map<String, Long> registry) {

		static KvSnapshot take(PlatformClient client, String gateway) {
			Reply page = client.get(gateway + "/api/kv/keys?limit=1000");
			assertThat(page.status()).as(page.body()).isEqualTo(200);
			JsonNode json = client.json(page);
			assertThat(json.path("nextKey").isNull()).as("all keys fit in one page").isTrue();
			Map<String, String> keys = new TreeMap<>();
			Map<String, Long> registry = new TreeMap<>();
			for (JsonNode item : json.path("items")) {
				String key = item.path("key").asString();
				if (key.startsWith("registry/")) {
					registry.put(key, item.path("modRevision").asLong());
				}
				else {
					keys.put(key, item.path("modRevision").asLong() + " " + item.path("value").asString());
				}
			}
			return new KvSnapshot(json.path("revision").asLong(), keys, registry);
		}

		List<String> registryChanges(KvSnapshot earlier) {
			List<String> changed = new ArrayList<>();
			this.registry.forEach((key, modRevision) -> {
				if (!modRevision.equals(earlier.registry.get(key))) {
					changed.add(key);
				}
			});
			earlier.registry.keySet().stream().filter((key) -> !this.registry.containsKey(key)).forEach(changed::add);
			return changed;
		}

	}

}
