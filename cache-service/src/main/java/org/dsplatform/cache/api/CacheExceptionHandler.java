package org.dsplatform.cache.api;

import jakarta.servlet.http.HttpServletRequest;
import org.dsplatform.common.problem.ProblemTypes;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The cache API's input errors as 400 problem documents naming the field.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class CacheExceptionHandler {

	@ExceptionHandler(InvalidCacheRequestException.class)
	ResponseEntity<ProblemDetail> invalid(InvalidCacheRequestException ex, HttpServletRequest request) {
		ProblemDetail problem = ProblemTypes.problem(HttpStatus.BAD_REQUEST, ProblemTypes.INVALID_REQUEST,
				ex.getMessage(), request.getRequestURI());
		problem.setProperty("field", ex.field());
		return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

}
