package org.dsplatform.cache.api;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * What the cache API refuses, and that it refuses it with a problem document naming the
 * field.
 */
// No KV or Kafka here: the node keeps its seed ring and its listener stays off.
@SpringBootTest(properties = { "platform.node-id=cache-1-test", "cache.kv-urls=http://127.0.0.1:9",
		"cache.seed-members=cache-1-test=http://127.0.0.1:9", "spring.kafka.listener.auto-startup=false" })
@AutoConfigureMockMvc
class CacheApiInputTests {

	@Autowired
	MockMvc mvc;

	@Test
	void refusesKeysWithDotSegmentsThatUrlNormalisationWouldChange() throws Exception {
		for (String key : new String[] { "..", "a/../b", "./a", "a/." }) {
			this.mvc
				.perform(put("/api/cache/keys/" + key).contentType(MediaType.APPLICATION_JSON)
					.content("{\"value\":\"v\"}"))
				.andExpect(status().isBadRequest())
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
				.andExpect(jsonPath("$.field").value("key"));
		}
	}

	@Test
	void refusesUnknownParametersOfTheRingAndStats() throws Exception {
		this.mvc.perform(get("/api/cache/ring?members=all"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.field").value("members"));
		this.mvc.perform(get("/api/cache/stats?node=cache-2"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.field").value("node"));
		this.mvc.perform(get("/api/cache/ring")).andExpect(status().isOk());
	}

	@Test
	void refusesABodyOfTheWrongJsonTypes() throws Exception {
		for (String body : new String[] { "{\"value\":5}", "{\"value\":\"v\",\"ttlMs\":\"100\"}",
				"{\"value\":\"v\",\"ttlMs\":1.5}", "{\"value\":\"v\",\"extra\":1}" }) {
			this.mvc.perform(put("/api/cache/keys/typed").contentType(MediaType.APPLICATION_JSON).content(body))
				.andExpect(status().isBadRequest())
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		}
	}

}
