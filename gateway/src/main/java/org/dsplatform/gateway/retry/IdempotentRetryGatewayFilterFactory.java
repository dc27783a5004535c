package org.dsplatform.gateway.retry;

import java.util.List;
import java.util.Set;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.cloud.gateway.filter.factory.RetryGatewayFilterFactory;
import org.springframework.cloud.gateway.filter.factory.RetryGatewayFilterFactory.RetryConfig;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.util.MultiValueMap;

/**
 * Spring Cloud Gateway's {@code Retry}, applied only to requests that are safe to send
 * twice: reads ({@code GET}, {@code HEAD}), and writes carrying a compare-and-set
 * precondition ({@code PUT} or {@code DELETE} with {@code expectedVersion} or
 * {@code expectedValue}). A precondition makes a replay harmless: if the first attempt
 * was applied after all, the replay finds the version moved on and answers 409 instead of
 * writing twice. A plain write or any {@code POST} (lock acquisition, lease creation) is
 * never retried: the gateway cannot know whether the first attempt took effect.
 * <p>
 * Configured like {@code Retry} (retries, statuses, series, exceptions, backoff, jitter),
 * except that {@code methods} is decided here.
 */
@Component
public class IdempotentRetryGatewayFilterFactory extends AbstractGatewayFilterFactory<RetryConfig> {

	private static final Set<HttpMethod> READS = Set.of(HttpMethod.GET, HttpMethod.HEAD);

	private static final Set<HttpMethod> CONDITIONAL_WRITES = Set.of(HttpMethod.PUT, HttpMethod.DELETE);

	private static final List<String> PRECONDITIONS = List.of("expectedVersion", "expectedValue");

	private final RetryGatewayFilterFactory retry;

	/**
	 * Builds on the gateway's own {@code Retry}, which also arranges for a retried
	 * request's body to be cached so that it can be sent again.
	 */
	public IdempotentRetryGatewayFilterFactory(RetryGatewayFilterFactory retry) {
		super(RetryConfig.class);
		this.retry = retry;
	}

	@Override
	public List<String> shortcutFieldOrder() {
		return this.retry.shortcutFieldOrder();
	}

	@Override
	public GatewayFilter apply(RetryConfig config) {
		config.setMethods(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.PUT, HttpMethod.DELETE);
		GatewayFilter retrying = this.retry.apply(config);
		return (exchange, chain) -> isIdempotent(exchange.getRequest()) ? retrying.filter(exchange, chain)
				: chain.filter(exchange);
	}

	/**
	 * Whether sending the request twice has the effect of sending it once.
	 */
	static boolean isIdempotent(ServerHttpRequest request) {
		HttpMethod method = request.getMethod();
		if (READS.contains(method)) {
			return true;
		}
		if (CONDITIONAL_WRITES.contains(method)) {
			MultiValueMap<String, String> query = request.getQueryParams();
			return PRECONDITIONS.stream().anyMatch(query::containsKey);
		}
		return false;
	}

}
