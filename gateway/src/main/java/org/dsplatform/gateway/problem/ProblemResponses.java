package org.dsplatform.gateway.problem;

import java.net.URI;

import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.dsplatform.common.problem.ProblemTypes;
import org.dsplatform.common.trace.RequestIds;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * Writes the gateway's own answers (refusals, limits, routing failures) as RFC 9457
 * problem documents, so that a client sees one error shape whether a service or the
 * gateway said no.
 */
@Component
public class ProblemResponses {

	private final JsonMapper json;

	ProblemResponses(JsonMapper json) {
		this.json = json;
	}

	/**
	 * Answers the exchange with a problem of the given status and type; headers the
	 * caller set on the response before (such as {@code Retry-After}) are kept.
	 */
	public Mono<Void> write(ServerWebExchange exchange, HttpStatus status, URI type, String detail) {
		return write(exchange, ProblemTypes.problem(status, type, detail, exchange.getRequest().getPath().value()));
	}

	/**
	 * Answers the exchange with the given problem, naming the request's id in it.
	 */
	public Mono<Void> write(ServerWebExchange exchange, ProblemDetail problem) {
		String requestId = exchange.getAttribute(RequestIds.ATTRIBUTE);
		if (requestId != null) {
			problem.setProperty(RequestIds.PROBLEM_PROPERTY, requestId);
		}
		ServerHttpResponse response = exchange.getResponse();
		response.setStatusCode(HttpStatusCode.valueOf(problem.getStatus()));
		response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		DataBuffer body = response.bufferFactory().wrap(this.json.writeValueAsBytes(problem));
		return response.writeWith(Mono.just(body));
	}

}
