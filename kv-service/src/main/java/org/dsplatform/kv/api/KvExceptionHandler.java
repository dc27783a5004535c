package org.dsplatform.kv.api;

import java.util.concurrent.CompletionException;

import jakarta.servlet.http.HttpServletRequest;
import org.dsplatform.common.problem.ProblemTypes;
import org.dsplatform.kv.raft.KvUnavailableException;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The kv service's own errors as problem documents; everything else falls through to the
 * platform's handler.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class KvExceptionHandler {

	@ExceptionHandler(InvalidRequestException.class)
	ResponseEntity<ProblemDetail> invalid(InvalidRequestException ex, HttpServletRequest request) {
		ProblemDetail problem = ProblemTypes.problem(HttpStatus.BAD_REQUEST, ProblemTypes.INVALID_REQUEST,
				ex.getMessage(), request.getRequestURI());
		problem.setProperty("field", ex.field());
		return respond(problem, new HttpHeaders());
	}

	@ExceptionHandler(KvProblemException.class)
	ResponseEntity<ProblemDetail> kv(KvProblemException ex, HttpServletRequest request) {
		ProblemDetail problem = ProblemTypes.problem(ex.status(), ex.type(), ex.getMessage(), request.getRequestURI());
		ex.properties().forEach(problem::setProperty);
		return respond(problem, new HttpHeaders());
	}

	@ExceptionHandler(KvUnavailableException.class)
	ResponseEntity<ProblemDetail> unavailable(KvUnavailableException ex, HttpServletRequest request) {
		String detail = ex.getMessage();
		if (!"GET".equals(request.getMethod())) {
			detail += "; the change may or may not have been applied: read it back before retrying a non-idempotent one";
		}
		ProblemDetail problem = ProblemTypes.problem(HttpStatus.SERVICE_UNAVAILABLE, KvProblemTypes.UNAVAILABLE, detail,
				request.getRequestURI());
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.RETRY_AFTER, "1");
		return respond(problem, headers);
	}

	@ExceptionHandler(CompletionException.class)
	ResponseEntity<ProblemDetail> completion(CompletionException ex, HttpServletRequest request) throws Throwable {
		Throwable cause = ex.getCause();
		if (cause instanceof InvalidRequestException invalid) {
			return invalid(invalid, request);
		}
		if (cause instanceof KvProblemException kv) {
			return kv(kv, request);
		}
		if (cause instanceof KvUnavailableException unavailable) {
			return unavailable(unavailable, request);
		}
		throw (cause != null) ? cause : ex;
	}

	private static ResponseEntity<ProblemDetail> respond(ProblemDetail problem, HttpHeaders headers) {
		return ResponseEntity.status(problem.getStatus())
			.headers(headers)
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(problem);
	}

}
