package org.dsplatform.common.problem;

import jakarta.servlet.http.HttpServletRequest;
import org.apache.tomcat.util.http.InvalidParameterException;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Problems Tomcat raises while the application reads a request, which would otherwise be
 * unexpected failures (500): a query string that cannot be decoded (invalid
 * percent-encoding or UTF-8) or has too many parameters.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ContainerProblemHandler {

	@ExceptionHandler(InvalidParameterException.class)
	ResponseEntity<ProblemDetail> invalidParameters(InvalidParameterException ex, HttpServletRequest request) {
		HttpStatusCode status = (ex.getErrorCode() >= 400 && ex.getErrorCode() < 500)
				? HttpStatusCode.valueOf(ex.getErrorCode()) : HttpStatus.BAD_REQUEST;
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status,
				"The query parameters cannot be decoded: an invalid percent-encoding or invalid UTF-8, "
						+ "or more parameters than the service accepts");
		problem.setType(ProblemTypes.forStatus(status));
		problem.setInstance(ProblemInstances.of(request.getRequestURI()));
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

}
