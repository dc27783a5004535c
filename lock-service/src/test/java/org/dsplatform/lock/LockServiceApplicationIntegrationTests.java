package org.dsplatform.lock;

import org.dsplatform.common.testing.TestRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The lock service against a real Redis started by the test.
 */
@SpringBootTest(properties = "platform.node-id=lock-1-test")
@AutoConfigureMockMvc
class LockServiceApplicationIntegrationTests {

	static final TestRedis redis = TestRedis.start();

	@Autowired
	MockMvc mvc;

	@DynamicPropertySource
	static void redis(DynamicPropertyRegistry registry) {
		registry.add("spring.data.redis.port", redis::port);
	}

	@AfterAll
	static void stopRedis() {
		redis.close();
	}

	@Test
	void saysWhichNodeAndVersionItIs() throws Exception {
		this.mvc.perform(get("/api/locks/info"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.service").value("lock-service"))
			.andExpect(jsonPath("$.nodeId").value("lock-1-test"))
			.andExpect(jsonPath("$.version").isNotEmpty());
	}

	@Test
	void isReadyOnlyWithRedisAndSaysSo() throws Exception {
		this.mvc.perform(get("/actuator/health/readiness"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.components.redis.status").value("UP"));
	}

	@Test
	void answersAnUnknownPathWithAProblemDocument() throws Exception {
		this.mvc.perform(get("/api/locks/no-such-thing").header("X-Request-Id", "lock-test-1"))
			.andExpect(status().isNotFound())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(header().string("X-Request-Id", "lock-test-1"))
			.andExpect(jsonPath("$.type").value("/problems/not-found"))
			.andExpect(jsonPath("$.requestId").value("lock-test-1"));
	}

	@Test
	void publishesItsOpenApiDocumentUnderItsOwnPrefix() throws Exception {
		this.mvc.perform(get("/api/locks/openapi"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.info.title").value("lock-service"))
			.andExpect(jsonPath("$.paths['/api/locks/mutex/{name}/acquire'].post").exists())
			.andExpect(jsonPath("$.paths['/api/locks/rw/{name}/acquire'].post").exists())
			.andExpect(jsonPath("$.paths['/api/locks/semaphores/{name}/acquire'].post").exists())
			.andExpect(jsonPath("$.paths['/api/locks/info'].get").exists());
	}

}
