package org.dsplatform.cache;

import org.dsplatform.cache.node.PeerClient;
import org.dsplatform.cache.store.CacheStore;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

// No KV or Kafka here: the node keeps its seed ring and its listener stays off.
@SpringBootTest(properties = { "platform.node-id=cache-1-test", "cache.kv-urls=http://127.0.0.1:9",
		"cache.seed-members=cache-1-test=http://127.0.0.1:9", "spring.kafka.listener.auto-startup=false" })
@AutoConfigureMockMvc
class CacheServiceApplicationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	CacheStore store;

	@Test
	void saysWhichNodeAndVersionItIs() throws Exception {
		this.mvc.perform(get("/api/cache/info"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.service").value("cache-service"))
			.andExpect(jsonPath("$.nodeId").value("cache-1-test"))
			.andExpect(jsonPath("$.version").isNotEmpty());
	}

	@Test
	void rejectsANegativeTimeToLiveNamingTheField() throws Exception {
		this.mvc
			.perform(put("/api/cache/keys/k").contentType(MediaType.APPLICATION_JSON)
				.content("{\"value\":\"v\",\"ttlMs\":-1}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.field").value("ttlMs"));
	}

	@Test
	void storesAndServesAKeyItOwnsSayingWhoServed() throws Exception {
		this.mvc
			.perform(put("/api/cache/keys/a/b").contentType(MediaType.APPLICATION_JSON).content("{\"value\":\"v\"}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.storedOn[0]").value("cache-1-test"));
		this.mvc.perform(get("/api/cache/keys/a/b"))
			.andExpect(status().isOk())
			.andExpect(header().string("X-Served-By", "cache-1-test"))
			.andExpect(header().string("X-Cache", "HIT"))
			// Sized, not chunked: cheaper for the gateway to relay.
			.andExpect((result) -> assertThat(result.getResponse().getHeader("Content-Length"))
				.isEqualTo(String.valueOf(result.getResponse().getContentAsByteArray().length)))
			.andExpect(jsonPath("$.value").value("v"));
		this.mvc.perform(get("/api/cache/keys/absent"))
			.andExpect(status().isNotFound())
			.andExpect(header().string("X-Cache", "MISS"))
			.andExpect(jsonPath("$.type").value("/problems/cache/miss"));
	}

	@Test
	void refusesAHandedOverValueOlderThanAChangeTheKvAnnounced() throws Exception {
		this.store.changed("handed/over", 7, "announced");
		this.mvc
			.perform(put("/api/cache/keys/handed/over").header(PeerClient.REPLICA, "cache-2-test")
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"value\":\"older\",\"revision\":5}"))
			.andExpect(status().isOk());
		this.mvc.perform(get("/api/cache/keys/handed/over")).andExpect(status().isNotFound());
		this.mvc
			.perform(put("/api/cache/keys/handed/over").header(PeerClient.REPLICA, "cache-2-test")
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"value\":\"newer\",\"revision\":8}"))
			.andExpect(status().isOk());
		this.mvc.perform(get("/api/cache/keys/handed/over"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.value").value("newer"))
			.andExpect(jsonPath("$.revision").value(8));
	}

	@Test
	void answersAnUnknownPathWithAProblemDocument() throws Exception {
		this.mvc.perform(get("/api/cache/no-such-thing").header("X-Request-Id", "cache-test-1"))
			.andExpect(status().isNotFound())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(header().string("X-Request-Id", "cache-test-1"))
			.andExpect(jsonPath("$.type").value("/problems/not-found"))
			.andExpect(jsonPath("$.instance").value("/api/cache/no-such-thing"))
			.andExpect(jsonPath("$.requestId").value("cache-test-1"));
	}

	@Test
	void namesTheRequestIdInAProblemDocumentAnsweredAsynchronously() throws Exception {
		// A read-through answers asynchronously; no KV answers here.
		this.mvc
			.perform(asyncDispatch(this.mvc
				.perform(get("/api/cache/keys/absent").param("source", "kv").header("X-Request-Id", "cache-test-2"))
				.andReturn()))
			.andExpect(status().isServiceUnavailable())
			.andExpect(jsonPath("$.requestId").value("cache-test-2"));
	}

	@Test
	void publishesItsOpenApiDocumentUnderItsOwnPrefix() throws Exception {
		this.mvc.perform(get("/api/cache/openapi"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.info.title").value("cache-service"))
			.andExpect(jsonPath("$.paths['/api/cache/keys/{key}'].get").exists())
			.andExpect(jsonPath("$.paths['/api/cache/keys/{key}'].put").exists())
			.andExpect(jsonPath("$.paths['/api/cache/keys/{key}'].delete").exists())
			.andExpect(jsonPath("$.paths['/api/cache/info'].get").exists());
	}

}
