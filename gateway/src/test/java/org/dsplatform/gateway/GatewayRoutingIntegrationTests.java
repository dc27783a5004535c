package org.dsplatform.gateway;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The gateway in front of a real HTTP backend (a stand-in kv-service instance) and of a
 * service with no instance up.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "platform.node-id=gateway-test", "gateway.cache-ring.kv-urls=http://127.0.0.1:9" })
@AutoConfigureWebTestClient
class GatewayRoutingIntegrationTests {

	static final HttpServer backend = startBackend();

	static final int closedPort = closedPort();

	@Autowired
	WebTestClient client;

	@DynamicPropertySource
	static void instances(DynamicPropertyRegistry registry) {
		String kv = "spring.cloud.discovery.client.simple.instances.kv-service";
		registry.add(kv + "[0].uri", () -> "http://127.0.0.1:" + backend.getAddress().getPort());
		registry.add(kv + "[1].uri", () -> "http://127.0.0.1:" + backend.getAddress().getPort());
		registry.add(kv + "[2].uri", () -> "http://127.0.0.1:" + backend.getAddress().getPort());
		String lock = "spring.cloud.discovery.client.simple.instances.lock-service";
		registry.add(lock + "[0].uri", () -> "http://127.0.0.1:" + closedPort);
		registry.add(lock + "[1].uri", () -> "http://127.0.0.1:" + closedPort);
	}

	@AfterAll
	static void stopBackend() {
		backend.stop(0);
	}

	@Test
	void routesAServiceRequestToAnInstance() {
		this.client.get()
			.uri("/api/kv/info")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.nodeId")
			.isEqualTo("stand-in");
	}

	@Test
	void answers503WithAProblemDocumentWhenNoInstanceIsUp() {
		WebTestClient bounded = this.client.mutate().responseTimeout(Duration.ofSeconds(5)).build();
		bounded.get()
			.uri("/api/locks/info")
			.exchange()
			.expectStatus()
			.isEqualTo(503)
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectHeader()
			.exists("Retry-After")
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("/problems/service-unavailable")
			.jsonPath("$.instance")
			.isEqualTo("/api/locks/info");
	}

	@Test
	void answersAPathWithNoRouteWith404ProblemDocument() {
		this.client.get()
			.uri("/api/unknown/thing")
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("/problems/not-found");
	}

	private static HttpServer startBackend() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			server.createContext("/actuator/health/readiness", (exchange) -> reply(exchange, "{\"status\":\"UP\"}"));
			server.createContext("/api/kv/info",
					(exchange) -> reply(exchange, "{\"service\":\"kv-service\",\"nodeId\":\"stand-in\"}"));
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
