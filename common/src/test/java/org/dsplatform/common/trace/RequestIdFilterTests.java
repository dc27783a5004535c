package org.dsplatform.common.trace;

import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

class RequestIdFilterTests {

	private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new MdcController())
		.addFilters(new RequestIdFilter())
		.build();

	@Test
	void givesARequestWithoutAnIdANewOneInTheMdcAndOnTheResponse() throws Exception {
		MvcResult result = this.mvc.perform(get("/mdc")).andExpect(status().isOk()).andReturn();
		String id = result.getResponse().getHeader(RequestIds.HEADER);
		assertThat(id).matches("[0-9a-f]{32}");
		assertThat(result.getResponse().getContentAsString()).isEqualTo(id);
	}

	@Test
	void keepsTheIdTheCallerSent() throws Exception {
		this.mvc.perform(get("/mdc").header(RequestIds.HEADER, "order-42:retry.1"))
			.andExpect(header().string(RequestIds.HEADER, "order-42:retry.1"))
			.andExpect(content().string("order-42:retry.1"));
	}

	@Test
	void replacesAnIdThatCouldForgeOrBreakLogLines() throws Exception {
		for (String unsafe : new String[] { "a b", "id]\nFAKE line", "x".repeat(RequestIds.MAX_LENGTH + 1), "" }) {
			MvcResult result = this.mvc.perform(get("/mdc").header(RequestIds.HEADER, unsafe)).andReturn();
			assertThat(result.getResponse().getHeader(RequestIds.HEADER)).as(unsafe).matches("[0-9a-f]{32}");
		}
	}

	@Test
	void leavesNothingInTheMdcOfTheThreadAfterwards() throws Exception {
		this.mvc.perform(get("/mdc").header(RequestIds.HEADER, "done-1")).andExpect(status().isOk());
		assertThat(MDC.get(RequestIds.MDC_KEY)).isNull();
	}

	@Test
	void acceptsIdsUpToTheLimitOfSafeCharacters() {
		assertThat(RequestIds.isAcceptable("x".repeat(RequestIds.MAX_LENGTH))).isTrue();
		assertThat(RequestIds.isAcceptable("0af7651916cd43dd8448eb211c80319c")).isTrue();
		assertThat(RequestIds.isAcceptable(null)).isFalse();
		assertThat(RequestIds.isAcceptable("a,b")).isFalse();
		assertThat(RequestIds.generate()).isNotEqualTo(RequestIds.generate());
	}

	@RestController
	static class MdcController {

		@GetMapping("/mdc")
		String mdc() {
			return MDC.get(RequestIds.MDC_KEY);
		}

	}

}
