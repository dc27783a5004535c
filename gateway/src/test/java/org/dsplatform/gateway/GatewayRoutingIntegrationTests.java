package org.dsplatform.gateway;

import java.time.Duration;

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

	static final StandInInstance kv = StandInInstance.start("kv-1");

	static final String downLockInstance = StandInInstance.downUri();

	@Autowired
	WebTestClient client;

	@DynamicPropertySource
	static void instances(DynamicPropertyRegistry registry) {
		StandInInstance.discover(registry, "kv-service", kv.uri(), kv.uri(), kv.uri());
		StandInInstance.discover(registry, "lock-service", downLockInstance, downLockInstance);
	}

	@AfterAll
	static void stopBackend() {
		kv.close();
	}

	@Test
	void routesAServiceRequestToAnInstance() {
		this.client.get()
			.uri("/api/kv/info")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.servedBy")
			.isEqualTo("kv-1");
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

}
