package org.dsplatform.gateway.limit;

import org.dsplatform.common.problem.ProblemTypes;
import org.dsplatform.gateway.problem.ProblemResponses;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Refuses, before anything else looks at them, requests whose body is over the limit
 * (413) and API paths with {@code .}, {@code ..} or empty segments (400). Such a path
 * would be normalised by the service's web server into another path than the one the
 * gateway checked: {@code /api/kv/keys/../cluster/leader} must not reach an admin
 * endpoint with a key that may only write keys.
 * <p>
 * A body announced by {@code Content-Length} is judged before it is read; a chunked body
 * is counted as it streams and cut off when it passes the limit.
 */
class RequestShapeWebFilter implements WebFilter, Ordered {

	static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

	private final long maxBody;

	private final ProblemResponses problems;

	RequestShapeWebFilter(long maxBody, ProblemResponses problems) {
		this.maxBody = maxBody;
		this.problems = problems;
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		if (request.getPath().value().startsWith("/api/") && !isPlain(request)) {
			return this.problems.write(exchange, HttpStatus.BAD_REQUEST, ProblemTypes.INVALID_REQUEST,
					"The path has an empty, '.' or '..' segment; such paths are not accepted");
		}
		long length = request.getHeaders().getContentLength();
		if (length > this.maxBody) {
			return this.problems.write(exchange, HttpStatus.CONTENT_TOO_LARGE, ProblemTypes.TOO_LARGE,
					"The body has " + length + " bytes; the limit is " + this.maxBody);
		}
		if (length < 0 && request.getHeaders().containsHeader("Transfer-Encoding")) {
			return chain.filter(exchange.mutate().request(new Counted(request, this.maxBody)).build());
		}
		return chain.filter(exchange);
	}

	private static boolean isPlain(ServerHttpRequest request) {
		String raw = request.getPath().value();
		if (raw.contains("//")) {
			return false;
		}
		for (PathContainer.Element element : request.getPath().elements()) {
			if (element instanceof PathContainer.PathSegment segment) {
				String value = segment.valueToMatch();
				if (value.equals(".") || value.equals("..")) {
					return false;
				}
			}
		}
		return true;
	}

	/**
	 * A request whose body fails with 413 once it has passed the limit.
	 */
	private static final class Counted extends ServerHttpRequestDecorator {

		private final long maxBody;

		Counted(ServerHttpRequest delegate, long maxBody) {
			super(delegate);
			this.maxBody = maxBody;
		}

		@Override
		public Flux<DataBuffer> getBody() {
			long[] seen = { 0 };
			return super.getBody().map((buffer) -> {
				seen[0] += buffer.readableByteCount();
				if (seen[0] > this.maxBody) {
					DataBufferUtils.release(buffer);
					throw new ResponseStatusException(HttpStatus.CONTENT_TOO_LARGE,
							"The body passed the limit of " + this.maxBody + " bytes");
				}
				return buffer;
			});
		}

	}

}
