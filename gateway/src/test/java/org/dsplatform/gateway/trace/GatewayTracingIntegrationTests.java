package org.dsplatform.gateway.trace;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Request ids and W3C trace context through the gateway, seen by a real HTTP backend (a
 * stand-in kv-service instance that, like the real services, echoes the request id).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "platform.node-id=gateway-test", "gateway.cache-ring.kv-urls=http://127.0.0.1:9" })
@AutoConfigureWebTestClient
class GatewayTracingIntegrationTests {

	private static final String GENERATED_ID = "[0-9a-f]{32}";

	static final AtomicReference<Map<String, List<String>>> received = new AtomicReference<>();

	static final HttpServer backend = startBackend();

	@Autowired
	WebTestClient client;

	@DynamicPropertySource
	static void instances(DynamicPropertyRegistry registry) {
		String kv = "spring.cloud.discovery.client.simple.instances.kv-service";
		registry.add(kv + "[0].uri", () -> "http://127.0.0.1:" + backend.getAddress().getPort());
		String lock = "spring.cloud.discovery.client.simple.instances.lock-service";
		registry.add(lock + "[0].uri", () -> "http://127.0.0.1:" + closedPort());
	}

	@AfterAll
	static void stopBackend() {
		backend.stop(0);
	}

	@BeforeEach
	void forgetTheLastRequest() {
		received.set(null);
	}

	@Test
	void givesARequestWithoutAnIdANewOneThatTheServiceAndTheClientSee() {
		String id = this.client.get()
			.uri("/api/kv/info")
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(String.class)
			.getResponseHeaders()
			.getFirst("X-Request-Id");
		assertThat(id).matches(GENERATED_ID);
		assertThat(receivedHeader("X-Request-Id")).containsExactly(id);
	}

	@Test
	void passesOnTheIdTheClientSentAndAnswersWithItOnce() {
		this.client.get()
			.uri("/api/kv/info")
			.header("X-Request-Id", "order-42:retry.1")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals("X-Request-Id", "order-42:retry.1");
		assertThat(receivedHeader("X-Request-Id")).containsExactly("order-42:retry.1");
	}

	@Test
	void replacesAnIdUnfitForLogsWithANewOne() {
		String id = this.client.get()
			.uri("/api/kv/info")
			.header("X-Request-Id", "x".repeat(129))
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(String.class)
			.getResponseHeaders()
			.getFirst("X-Request-Id");
		assertThat(id).matches(GENERATED_ID);
		assertThat(receivedHeader("X-Request-Id")).containsExactly(id);
	}

	@Test
	void continuesTheClientsTraceInTheRequestToTheService() {
		String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
		String clientSpan = "00f067aa0ba902b7";
		this.client.get()
			.uri("/api/kv/info")
			.header("traceparent", "00-" + traceId + "-" + clientSpan + "-01")
			.exchange()
			.expectStatus()
			.isOk();
		List<String> traceparent = receivedHeader("traceparent");
		assertThat(traceparent).hasSize(1);
		String[] parts = traceparent.get(0).split("-");
		assertThat(parts).hasSize(4);
		assertThat(parts[1]).isEqualTo(traceId);
		assertThat(parts[2]).as("the gateway's own span").matches("[0-9a-f]{16}").isNotEqualTo(clientSpan);
		assertThat(parts[3]).as("sampled, as the client decided").isEqualTo("01");
	}

	@Test
	void startsATraceForARequestWithoutTraceContext() {
		this.client.get().uri("/api/kv/info").exchange().expectStatus().isOk();
		assertThat(receivedHeader("traceparent")).singleElement()
			.asString()
			.matches("00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");
	}

	@Test
	void namesTheRequestIdInTheProblemDocumentsOfTheGatewayItself() {
		this.client.get()
			.uri("/api/unknown/thing")
			.header("X-Request-Id", "req-404")
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectHeader()
			.valueEquals("X-Request-Id", "req-404")
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.requestId")
			.isEqualTo("req-404");
		this.client.mutate()
			.responseTimeout(Duration.ofSeconds(5))
			.build()
			.get()
			.uri("/api/locks/info")
			.exchange()
			.expectStatus()
			.isEqualTo(503)
			.expectHeader()
			.valueMatches("X-Request-Id", GENERATED_ID)
			.expectBody()
			.jsonPath("$.requestId")
			.value(String.class, (id) -> assertThat(id).matches(GENERATED_ID));
	}

	private static List<String> receivedHeader(String name) {
		Map<String, List<String>> headers = received.get();
		assertThat(headers).as("a request reached the backend").isNotNull();
		return headers.getOrDefault(name, List.of());
	}

	private static HttpServer startBackend() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			server.createContext("/actuator/health/readiness", (exchange) -> reply(exchange, "{\"status\":\"UP\"}"));
			server.createContext("/api/kv/info", (exchange) -> {
				Headers headers = exchange.getRequestHeaders();
				// Header names as the services read them: case does not matter.
				Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
				copy.putAll(headers);
				received.set(copy);
				String id = headers.getFirst("X-Request-Id");
				if (id != null) {
					exchange.getResponseHeaders().set("X-Request-Id", id);
				}
				reply(exchange, "{\"service\":\"kv-service\",\"nodeId\":\"stand-in\"}");
			});
			server.start();
			return server;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void reply(HttpExchange exchange, String json) throws IOException {
		byte[] body = json.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(200, body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

	private static int closedPort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
