package org.dsplatform.gateway.trace;

import java.time.Duration;
import java.util.List;

import org.dsplatform.gateway.StandInInstance;
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

	/** Like the real services, answers with the request id it was given. */
	private static final StandInInstance.Behaviour ECHO_REQUEST_ID = (exchange) -> {
		String id = exchange.getRequestHeaders().getFirst("X-Request-Id");
		if (id != null) {
			exchange.getResponseHeaders().set("X-Request-Id", id);
		}
		return 200;
	};

	static final StandInInstance kv = StandInInstance.start("kv-1");

	@Autowired
	WebTestClient client;

	@DynamicPropertySource
	static void instances(DynamicPropertyRegistry registry) {
		StandInInstance.discover(registry, "kv-service", kv.uri());
		StandInInstance.discover(registry, "lock-service", StandInInstance.downUri());
	}

	@AfterAll
	static void stopBackend() {
		kv.close();
	}

	@BeforeEach
	void forgetTheLastRequest() {
		kv.reset();
		kv.behave(ECHO_REQUEST_ID);
	}

	@Test
	void givesARequestWithoutAnIdANewOneThatTheServiceAndTheClientSee() {
		assertGetsANewIdThatTheServiceAndTheClientSee(null);
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
		assertGetsANewIdThatTheServiceAndTheClientSee("x".repeat(129));
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

	/**
	 * Sends a request to kv-service, with the given request id if there is one, and
	 * checks that the gateway gave it a new id, the same for the service and the client.
	 */
	private void assertGetsANewIdThatTheServiceAndTheClientSee(String sentId) {
		String id = this.client.get().uri("/api/kv/info").headers((headers) -> {
			if (sentId != null) {
				headers.set("X-Request-Id", sentId);
			}
		}).exchange().expectStatus().isOk().returnResult(String.class).getResponseHeaders().getFirst("X-Request-Id");
		assertThat(id).matches(GENERATED_ID);
		assertThat(receivedHeader("X-Request-Id")).containsExactly(id);
	}

	private static List<String> receivedHeader(String name) {
		List<StandInInstance.Received> requests = kv.received();
		assertThat(requests).as("a request reached the service").isNotEmpty();
		return requests.get(requests.size() - 1).headers().getOrDefault(name, List.of());
	}

}
