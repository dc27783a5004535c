package org.dsplatform.common.problem;

import org.dsplatform.common.trace.RequestIdFilter;
import org.dsplatform.common.trace.RequestIds;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

class ServletProblemHandlerTests {

	private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new FailingController())
		.setControllerAdvice(new ServletProblemHandler())
		.addFilters(new RequestIdFilter())
		.build();

	@Test
	void hidesAnUnexpectedFailureBehindA500ProblemDocument() throws Exception {
		this.mvc.perform(get("/boom"))
			.andExpect(status().isInternalServerError())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.type").value("/problems/internal-error"))
			.andExpect(jsonPath("$.instance").value("/boom"))
			.andExpect(content().string(not(containsString("secret internals"))));
	}

	@Test
	void namesAMissingParameterInA400ProblemDocument() throws Exception {
		this.mvc.perform(get("/needs-param"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.type").value("/problems/invalid-request"))
			.andExpect(jsonPath("$.detail").value(containsString("count")));
	}

	@Test
	void answersAWrongMethodWith405() throws Exception {
		this.mvc.perform(post("/boom"))
			.andExpect(status().isMethodNotAllowed())
			.andExpect(jsonPath("$.type").value("/problems/method-not-allowed"));
	}

	@Test
	void namesTheRequestIdInEveryProblemDocument() throws Exception {
		this.mvc.perform(get("/boom").header(RequestIds.HEADER, "req-500"))
			.andExpect(status().isInternalServerError())
			.andExpect(header().string(RequestIds.HEADER, "req-500"))
			.andExpect(jsonPath("$.requestId").value("req-500"));
		this.mvc.perform(get("/needs-param").header(RequestIds.HEADER, "req-400"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.requestId").value("req-400"));
		this.mvc.perform(get("/problem-from-a-controller").header(RequestIds.HEADER, "req-409"))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.requestId").value("req-409"));
	}

	@RestController
	static class FailingController {

		@GetMapping("/problem-from-a-controller")
		ResponseEntity<ProblemDetail> conflict() {
			return ResponseEntity.status(HttpStatus.CONFLICT)
				.body(ProblemTypes.problem(HttpStatus.CONFLICT, ProblemTypes.INVALID_REQUEST, "taken", null));
		}

		@GetMapping("/boom")
		String boom() {
			throw new IllegalStateException("secret internals");
		}

		@GetMapping("/needs-param")
		String needsParam(@RequestParam int count) {
			return "ok " + count;
		}

	}

}
