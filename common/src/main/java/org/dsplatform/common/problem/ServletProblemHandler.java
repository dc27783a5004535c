package org.dsplatform.common.problem;

import java.net.URI;

import jakarta.servlet.http.HttpServletRequest;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.dsplatform.common.trace.RequestIds;

import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns every error of a servlet service into an RFC 9457 problem document with a stable
 * {@code type} and the request path as {@code instance}. Unexpected exceptions become a
 * 500 without internals in the body; the cause goes to the log.
 * <p>
 * Every problem document the service writes, whichever handler or controller built it,
 * also carries the request's id as the extension property {@code requestId} (see
 * {@link RequestIds}), so a client can quote it and an operator find the request's log
 * lines.
 */
@RestControllerAdvice
public class ServletProblemHandler extends ResponseEntityExceptionHandler implements ResponseBodyAdvice<Object> {

	private static final Log log = LogFactory.getLog(ServletProblemHandler.class);

	@ExceptionHandler(Exception.class)
	ResponseEntity<Object> handleUnexpected(Exception ex, WebRequest request) {
		log.error("Unexpected failure serving " + path(request), ex);
		ProblemDetail body = ProblemTypes.problem(HttpStatus.INTERNAL_SERVER_ERROR, ProblemTypes.INTERNAL,
				"Unexpected failure; the node's log has the cause", null);
		return handleExceptionInternal(ex, body, new HttpHeaders(), HttpStatus.INTERNAL_SERVER_ERROR, request);
	}

	@Override
	protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode statusCode,
			WebRequest request) {
		if (body instanceof ProblemDetail problem) {
			if (problem.getType() == null || "about:blank".equals(problem.getType().toString())) {
				problem.setType(ProblemTypes.forStatus(statusCode));
			}
			problem.setInstance(URI.create(path(request)));
		}
		return super.createResponseEntity(body, headers, statusCode, request);
	}

	@Override
	public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
		return true;
	}

	@Override
	public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType contentType,
			Class<? extends HttpMessageConverter<?>> converterType, ServerHttpRequest request,
			ServerHttpResponse response) {
		if (body instanceof ProblemDetail problem && request instanceof ServletServerHttpRequest servlet) {
			Object id = servlet.getServletRequest().getAttribute(RequestIds.ATTRIBUTE);
			if (id != null) {
				problem.setProperty(RequestIds.PROBLEM_PROPERTY, id);
			}
		}
		return body;
	}

	private static String path(WebRequest request) {
		HttpServletRequest servlet = (request instanceof NativeWebRequest nwr)
				? nwr.getNativeRequest(HttpServletRequest.class) : null;
		return (servlet != null) ? servlet.getRequestURI() : "/";
	}

}
