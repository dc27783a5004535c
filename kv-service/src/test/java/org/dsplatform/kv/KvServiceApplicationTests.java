package org.dsplatform.kv;

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
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@SpringBootTest
@AutoConfigureMockMvc
class KvServiceApplicationTests {

	@Autowired
	MockMvc mvc;

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
		this.mvc.perform(get("/api/kv/no-such-thing"))
			.andExpect(status().isNotFound())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.type").value("/problems/not-found"))
			.andExpect(jsonPath("$.instance").value("/api/kv/no-such-thing"));
	}

}
