package org.dsplatform.gateway.security;

import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Drops the services' internal headers from client requests. The request is copied only
 * when it carries one, so the common case costs a lookup per header.
 */
class InternalHeadersWebFilter implements WebFilter, Ordered {

	private final List<String> names;

	InternalHeadersWebFilter(List<String> names) {
		this.names = List.copyOf(names);
	}

	@Override
	public int getOrder() {
		return ApiKeyWebFilter.ORDER + 1;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		HttpHeaders headers = exchange.getRequest().getHeaders();
		for (String name : this.names) {
			if (headers.containsHeader(name)) {
				ServerHttpRequest cleaned = exchange.getRequest()
					.mutate()
					.headers((mutable) -> this.names.forEach(mutable::remove))
					.build();
				return chain.filter(exchange.mutate().request(cleaned).build());
			}
		}
		return chain.filter(exchange);
	}

}
