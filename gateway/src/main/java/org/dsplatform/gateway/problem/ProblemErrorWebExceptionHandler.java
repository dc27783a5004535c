package org.dsplatform.gateway.problem;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.util.concurrent.TimeoutException;

import io.netty.channel.ConnectTimeoutException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.dsplatform.common.problem.ProblemTypes;
import reactor.core.publisher.Mono;

import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;

/**
 * Answers every error the gateway meets with an RFC 9457 problem document: no route
 * (404), no instance up or an instance refusing connections (503), an instance too slow
 * (504), anything else (500, cause in the log). It runs before Spring Boot's default
 * handler, so no error leaves the gateway in another shape.
 */
@Component
@Order(-2)
class ProblemErrorWebExceptionHandler implements ErrorWebExceptionHandler {

	private static final Log log = LogFactory.getLog(ProblemErrorWebExceptionHandler.class);

	private final ProblemResponses problems;

	ProblemErrorWebExceptionHandler(ProblemResponses problems) {
		this.problems = problems;
	}

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
		ServerHttpResponse response = exchange.getResponse();
		if (response.isCommitted()) {
			return Mono.error(ex);
		}
		ProblemDetail problem = toProblem(ex, exchange.getRequest().getPath().value());
		if (problem.getStatus() == HttpStatus.SERVICE_UNAVAILABLE.value()) {
			response.getHeaders().set("Retry-After", "1");
		}
		return this.problems.write(exchange, problem);
	}

	private static ProblemDetail toProblem(Throwable ex, String path) {
		if (ex instanceof ResponseStatusException status) {
			HttpStatusCode code = status.getStatusCode();
			String detail = (code.value() == 503) ? "No instance of the target service is available"
					: (status.getReason() != null) ? status.getReason()
							: HttpStatus.valueOf(code.value()).getReasonPhrase();
			return ProblemTypes.problem(code, ProblemTypes.forStatus(code), detail, path);
		}
		if (causedBy(ex, ConnectException.class) || causedBy(ex, ConnectTimeoutException.class)) {
			return ProblemTypes.problem(HttpStatus.SERVICE_UNAVAILABLE, ProblemTypes.SERVICE_UNAVAILABLE,
					"The chosen instance of the target service refused the connection", path);
		}
		if (causedBy(ex, TimeoutException.class)) {
			return ProblemTypes.problem(HttpStatus.GATEWAY_TIMEOUT, ProblemTypes.UPSTREAM_TIMEOUT,
					"The target service did not answer in time", path);
		}
		if (causedBy(ex, IOException.class)) {
			log.warn("The instance closed the connection routing " + path + ": " + ex.getMessage());
			return ProblemTypes.problem(HttpStatus.BAD_GATEWAY, ProblemTypes.UPSTREAM_FAILED,
					"The chosen instance of the target service closed the connection before answering; "
							+ "a write may or may not have been applied",
					path);
		}
		log.error("Unexpected failure routing " + path, ex);
		return ProblemTypes.problem(HttpStatus.INTERNAL_SERVER_ERROR, URI.create(ProblemTypes.INTERNAL.toString()),
				"Unexpected failure in the gateway; its log has the cause", path);
	}

	private static boolean causedBy(Throwable ex, Class<? extends Throwable> type) {
		for (Throwable t = ex; t != null; t = t.getCause()) {
			if (type.isInstance(t)) {
				return true;
			}
		}
		return false;
	}

}
