package org.dsplatform.lock;

import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The same readiness check against the Redis image the compose file uses. Skipped where
 * no Docker engine runs; {@link LockServiceApplicationIntegrationTests} covers the
 * behaviour everywhere with a local Redis.
 */
@Testcontainers(disabledWithoutDocker = true)
@SpringBootTest(properties = "platform.node-id=lock-container-test")
@AutoConfigureMockMvc
class LockServiceRedisContainerIntegrationTests {

	@Container
	static final GenericContainer<?> redis = new GenericContainer<>("redis:7.4-alpine").withExposedPorts(6379)
		.withCommand("redis-server", "--appendonly", "yes");

	@Autowired
	MockMvc mvc;

	@DynamicPropertySource
	static void redis(DynamicPropertyRegistry registry) {
		registry.add("spring.data.redis.host", redis::getHost);
		registry.add("spring.data.redis.port", () -> redis.getMappedPort(6379));
	}

	@Test
	void isReadyWithTheComposeRedisImage() throws Exception {
		this.mvc.perform(get("/actuator/health/readiness"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.components.redis.status").value("UP"));
	}

}
