package org.dsplatform.gateway;

import java.net.URI;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Swagger UI at the gateway shows the services' OpenAPI documents, each fetched through
 * the service's route, and no document of the gateway's own.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "platform.node-id=gateway-test", "gateway.cache-ring.kv-urls=http://127.0.0.1:9" })
@AutoConfigureWebTestClient
class SwaggerUiIntegrationTests {

	@Autowired
	WebTestClient client;

	@Test
	void listsTheDocumentOfEveryServiceThroughItsRoute() {
		this.client.get()
			.uri("/v3/api-docs/swagger-config")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.urls.length()")
			.isEqualTo(3)
			.jsonPath("$.urls[?(@.name == 'kv-service')].url")
			.isEqualTo("/api/kv/openapi")
			.jsonPath("$.urls[?(@.name == 'cache-service')].url")
			.isEqualTo("/api/cache/openapi")
			.jsonPath("$.urls[?(@.name == 'lock-service')].url")
			.isEqualTo("/api/locks/openapi");
	}

	@Test
	void servesTheUserInterface() {
		URI page = this.client.get()
			.uri("/swagger-ui.html")
			.exchange()
			.expectStatus()
			.is3xxRedirection()
			.returnResult(Void.class)
			.getResponseHeaders()
			.getLocation();
		assertThat(page).isNotNull();
		this.client.get().uri(page.getPath()).exchange().expectStatus().isOk();
		this.client.get().uri("/swagger-ui/swagger-initializer.js").exchange().expectStatus().isOk();
	}

	@Test
	void publishesNoDocumentOfItsOwn() {
		this.client.get().uri("/v3/api-docs").exchange().expectStatus().isNotFound();
	}

}
