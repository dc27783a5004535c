package org.dsplatform.gateway.security;

import java.util.Locale;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.dsplatform.common.problem.ProblemTypes;
import org.dsplatform.gateway.problem.ProblemResponses;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Lets a request through only with an API key whose role covers it: none or an unknown
 * one is a 401, one whose role is too small a 403, both as problem documents. The key's
 * name becomes the request's {@link Callers caller}. In open mode every request passes.
 */
class ApiKeyWebFilter implements WebFilter, Ordered {

	private static final Log log = LogFactory.getLog(ApiKeyWebFilter.class);

	/** After the request id is set and the request's shape checked. */
	static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 20;

	private final SecurityProperties properties;

	private final ApiKeys keys;

	private final ProblemResponses problems;

	ApiKeyWebFilter(SecurityProperties properties, ProblemResponses problems) {
		this.properties = properties;
		this.keys = new ApiKeys(properties.apiKeys());
		this.problems = problems;
		if (!properties.enabled()) {
			log.warn("API keys are off (gateway.security.enabled=false): anyone who reaches the gateway may read, "
					+ "write and administer the platform. This open mode is for a local demo only.");
		}
		else if (this.keys.isEmpty()) {
			log.warn("API keys are on but none is configured: every API request will be refused");
		}
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		if (!this.properties.enabled()) {
			return chain.filter(exchange);
		}
		Role required = AccessRules.required(exchange.getRequest());
		if (required == null) {
			return chain.filter(exchange);
		}
		String presented = exchange.getRequest().getHeaders().getFirst(this.properties.header());
		SecurityProperties.ApiKey key = (presented != null && !presented.isEmpty()) ? this.keys.find(presented) : null;
		if (key == null) {
			exchange.getResponse()
				.getHeaders()
				.set("WWW-Authenticate", "ApiKey header=\"" + this.properties.header() + "\"");
			String detail = (presented == null)
					? "This request needs an API key in the " + this.properties.header() + " header"
					: "The API key in the " + this.properties.header() + " header is not known";
			return this.problems.write(exchange, HttpStatus.UNAUTHORIZED, ProblemTypes.UNAUTHENTICATED, detail);
		}
		if (!key.role().includes(required)) {
			return this.problems.write(exchange, HttpStatus.FORBIDDEN, ProblemTypes.FORBIDDEN, "The API key '"
					+ key.name() + "' has the role " + name(key.role()) + "; this request needs " + name(required));
		}
		exchange.getAttributes().put(Callers.ATTRIBUTE, "key:" + key.name());
		// The services have no use for the key: it stops here, out of their logs.
		ServerHttpRequest withoutKey = exchange.getRequest()
			.mutate()
			.headers((headers) -> headers.remove(this.properties.header()))
			.build();
		return chain.filter(exchange.mutate().request(withoutKey).build());
	}

	private static String name(Role role) {
		return role.name().toLowerCase(Locale.ROOT);
	}

}
