package org.dsplatform.gateway.limit;

import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.dsplatform.common.problem.ProblemTypes;
import org.dsplatform.gateway.problem.ProblemResponses;
import org.dsplatform.gateway.security.Callers;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.ratelimit.RateLimiter;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;

/**
 * Spends one token of the caller's bucket per routed request, with Spring Cloud Gateway's
 * Redis token bucket. An empty bucket is a 429 problem document with {@code Retry-After};
 * every answer carries the bucket's {@code X-RateLimit-*} headers.
 * <p>
 * When Redis cannot be asked (down, or slower than {@code redisTimeout}) the request
 * passes unlimited: fail open. Redis holds nothing the KV and the cache need, so a Redis
 * outage must not take their APIs down with the locks; the services bound their own work
 * (request timeouts, size limits, bounded queues), which is what the limit protects. The
 * cost: while Redis is away, a caller can exceed its rate. {@code gateway.rate.limit}
 * counts requests by outcome, {@code unavailable} included, so the episode is visible.
 */
class RateLimitFilter implements GlobalFilter, Ordered {

	private static final Log log = LogFactory.getLog(RateLimitFilter.class);

	private final RedisRateLimiter limiter;

	private final LimitProperties.RateLimit settings;

	private final ProblemResponses problems;

	private final Counter allowed;

	private final Counter limited;

	private final Counter unavailable;

	private final AtomicBoolean redisReachable = new AtomicBoolean(true);

	RateLimitFilter(RedisRateLimiter limiter, LimitProperties.RateLimit settings, ProblemResponses problems,
			MeterRegistry meters) {
		this.limiter = limiter;
		this.settings = settings;
		this.problems = problems;
		this.allowed = counter(meters, "allowed");
		this.limited = counter(meters, "limited");
		this.unavailable = counter(meters, "unavailable");
	}

	private static Counter counter(MeterRegistry meters, String outcome) {
		return Counter.builder("gateway.rate.limit")
			.description("Routed requests by rate-limit outcome")
			.tag("outcome", outcome)
			.register(meters);
	}

	/** Logs once when the limiter stops and starts being enforced, not per request. */
	private void noteRedis(boolean reachable) {
		if (this.redisReachable.compareAndSet(!reachable, reachable)) {
			if (reachable) {
				log.info("Redis answers again: rate limits are enforced");
			}
			else {
				log.warn("Redis does not answer: requests pass without rate limits until it does");
			}
		}
	}

	@Override
	public int getOrder() {
		// Before the load balancer and every route filter: a refused request costs no
		// instance anything.
		return Ordered.HIGHEST_PRECEDENCE + 100;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
		String routeId = (route != null) ? route.getId() : "none";
		return this.limiter.isAllowed(routeId, Callers.of(exchange))
			.timeout(this.settings.redisTimeout())
			.onErrorReturn(new RateLimiter.Response(true, Map.of(RedisRateLimiter.REMAINING_HEADER, "-1")))
			.flatMap((response) -> {
				HttpHeaders headers = exchange.getResponse().getHeaders();
				response.getHeaders().forEach(headers::set);
				if (response.isAllowed()) {
					boolean checked = !"-1".equals(response.getHeaders().get(RedisRateLimiter.REMAINING_HEADER));
					(checked ? this.allowed : this.unavailable).increment();
					noteRedis(checked);
					if (!checked) {
						headers.remove(RedisRateLimiter.REMAINING_HEADER);
					}
					return chain.filter(exchange);
				}
				this.limited.increment();
				// A bucket regains a token within 1/replenishRate seconds, and the rate
				// is at
				// least one per second: a second is always enough.
				headers.set(HttpHeaders.RETRY_AFTER, "1");
				return this.problems.write(exchange, HttpStatus.TOO_MANY_REQUESTS, ProblemTypes.RATE_LIMITED,
						"Rate limit reached for " + Callers.of(exchange) + ": " + this.settings.replenishRate()
								+ " requests per second, bursts up to " + this.settings.burstCapacity());
			});
	}

	/**
	 * A bucket refills one token in 1/rate seconds; a whole second is the least to say.
	 */
	private long retryAfterSeconds() {
		return Math.max(1, (long) Math.ceil(1.0 / this.settings.replenishRate()));
	}

}
