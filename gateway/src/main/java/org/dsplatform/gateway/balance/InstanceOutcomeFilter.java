package org.dsplatform.gateway.balance;

import reactor.core.publisher.Mono;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.Response;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.ReactiveLoadBalancerClientFilter;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;

/**
 * Records how each request to an instance ended, right after the load balancer chose it:
 * a refused or broken connection, a timeout, or a 500, 502 or 504 answer counts against
 * the instance's circuit; anything else counts for it. A 4xx is the caller's fault, not
 * the instance's. A 503 is the service's own considered answer that it cannot serve now
 * (a KV node while its cluster elects a leader, a lock node while Redis is away): it
 * holds for every instance alike, so ejecting instances for it gains nothing and would
 * keep the service shut for the circuit's whole open time after it recovered. A request
 * the client abandons counts neither way. Retries pass through here once per attempt, so
 * each attempt is judged against the instance it went to.
 */
class InstanceOutcomeFilter implements GlobalFilter, Ordered {

	@Override
	public int getOrder() {
		return ReactiveLoadBalancerClientFilter.LOAD_BALANCER_CLIENT_FILTER_ORDER + 1;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		Response<ServiceInstance> response = exchange
			.getAttribute(ServerWebExchangeUtils.GATEWAY_LOADBALANCER_RESPONSE_ATTR);
		if (!(response instanceof ChosenInstance chosen)) {
			return chain.filter(exchange);
		}
		InstanceHealth.Call call = chosen.call();
		return chain.filter(exchange).doOnSuccess((done) -> {
			HttpStatusCode status = exchange.getResponse().getStatusCode();
			call.finish(status != null && isInstanceFailure(status.value()), null);
		}).doOnError((ex) -> call.finish(!isCallersFault(ex), ex)).doOnCancel(call::abandon);
	}

	private static boolean isInstanceFailure(int status) {
		return status == 500 || status == 502 || status == 504;
	}

	/**
	 * A request refused on the way (its body too large, say) says nothing of the
	 * instance.
	 */
	private static boolean isCallersFault(Throwable ex) {
		return ex instanceof ResponseStatusException status && status.getStatusCode().is4xxClientError();
	}

}
