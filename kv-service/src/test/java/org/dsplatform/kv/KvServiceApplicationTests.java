package org.dsplatform.kv;

import org.dsplatform.kv.raft.KvRaftServer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@SpringBootTest
@AutoConfigureMockMvc
class KvServiceApplicationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	KvRaftServer node;

	@DynamicPropertySource
	static void kv(DynamicPropertyRegistry registry) {
		SingleNodeKv.register(registry, "kv-1-test");
	}

	@Test
	void saysWhichNodeAndVersionItIs() throws Exception {
		this.mvc.perform(get("/api/kv/info"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.service").value("kv-service"))
			.andExpect(jsonPath("$.nodeId").value("kv-1-test"))
			.andExpect(jsonPath("$.version").isNotEmpty());
	}

	@Test
	void answersAnUnknownPathWithAProblemDocument() throws Exception {
		this.mvc.perform(get("/api/kv/no-such-thing").header("X-Request-Id", "kv-test-1"))
			.andExpect(status().isNotFound())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(header().string("X-Request-Id", "kv-test-1"))
			.andExpect(jsonPath("$.type").value("/problems/not-found"))
			.andExpect(jsonPath("$.instance").value("/api/kv/no-such-thing"))
			.andExpect(jsonPath("$.requestId").value("kv-test-1"));
	}

	@Test
	void isLiveWhileItsRaftPeerRuns() throws Exception {
		this.mvc.perform(get("/actuator/health/liveness"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.components.raftPeer.status").value("UP"))
			.andExpect(jsonPath("$.components.raftPeer.details.lifeCycle").value("RUNNING"));
	}

	@Test
	@DirtiesContext
	void isNeitherLiveNorReadyOnceItsRaftPeerHasClosed() throws Exception {
		this.node.close();
		this.mvc.perform(get("/actuator/health/liveness"))
			.andExpect(status().isServiceUnavailable())
			.andExpect(jsonPath("$.components.raftPeer.status").value("DOWN"));
		this.mvc.perform(get("/actuator/health/readiness"))
			.andExpect(status().isServiceUnavailable())
			.andExpect(jsonPath("$.components.raft.status").value("DOWN"));
	}

	@Test
	void publishesItsOpenApiDocumentUnderItsOwnPrefix() throws Exception {
		this.mvc.perform(get("/api/kv/openapi"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.info.title").value("kv-service"))
			.andExpect(jsonPath("$.info.version").isNotEmpty())
			.andExpect(jsonPath("$.paths['/api/kv/keys/{key}'].put").exists())
			.andExpect(jsonPath("$.paths['/api/kv/keys/{key}'].get").exists())
			.andExpect(jsonPath("$.paths['/api/kv/keys'].get").exists())
			.andExpect(jsonPath("$.paths['/api/kv/leases'].post").exists())
			.andExpect(jsonPath("$.paths['/api/kv/watch'].get").exists())
			.andExpect(jsonPath("$.paths['/api/kv/cluster'].get").exists())
			.andExpect(jsonPath("$.paths['/api/kv/info'].get").exists());
	}

}
