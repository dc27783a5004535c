package org.dsplatform.gateway.trace;

import java.util.List;

import io.micrometer.context.ContextRegistry;
import org.dsplatform.common.trace.RequestIds;
import org.slf4j.MDC;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Names every request that reaches the gateway with a request id: the client's
 * {@code X-Request-Id} when it is acceptable ({@link RequestIds#isAcceptable}), else a
 * new one. The id is sent on to the service that serves the request, returned to the
 * client on the response and kept as the exchange attribute {@link RequestIds#ATTRIBUTE}
 * for the gateway's own problem documents.
 * <p>
 * A web filter rather than a route filter, and the first of them, so that requests the
 * gateway answers itself (no route, refused, limited) carry the id too.
 * <p>
 * The id also rides in the Reactor context under {@link RequestIds#MDC_KEY}, bound to the
 * logging MDC of the same name. Reactor copies it into the MDC where context propagation
 * runs: everywhere with {@code spring.reactor.context-propagation=auto} (then the trace
 * id is in the MDC too), only in {@code handle} and {@code tap} operators with Spring
 * Boot's default ({@code limited}), which costs less on every request.
 */
@Component
class RequestIdWebFilter implements WebFilter, Ordered {

	RequestIdWebFilter() {
		ContextRegistry.getInstance()
			.registerThreadLocalAccessor(RequestIds.MDC_KEY, () -> MDC.get(RequestIds.MDC_KEY),
					(id) -> MDC.put(RequestIds.MDC_KEY, id), () -> MDC.remove(RequestIds.MDC_KEY));
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		List<String> sent = exchange.getRequest().getHeaders().get(RequestIds.HEADER);
		boolean keep = sent != null && sent.size() == 1 && RequestIds.isAcceptable(sent.get(0));
		String id = keep ? sent.get(0) : RequestIds.generate();
		exchange.getAttributes().put(RequestIds.ATTRIBUTE, id);
		ServerHttpResponse response = exchange.getResponse();
		// Set at commit, over the service's echo of the same id: the routing filter
		// adds the service's headers to those already there, and a retry removes the
		// ones it added.
		response.beforeCommit(() -> {
			response.getHeaders().set(RequestIds.HEADER, id);
			return Mono.empty();
		});
		// Copying the request's headers costs; a client that names its requests saves it.
		ServerWebExchange forwarded = keep ? exchange
				: exchange.mutate().request((request) -> request.headers((headers) -> {
					headers.set(RequestIds.HEADER, id);
				})).build();
		return chain.filter(forwarded).contextWrite(Context.of(RequestIds.MDC_KEY, id));
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
