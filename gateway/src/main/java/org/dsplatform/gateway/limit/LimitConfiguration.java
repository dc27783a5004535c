package org.dsplatform.gateway.limit;

import io.lettuce.core.ClientOptions;
import io.micrometer.core.instrument.MeterRegistry;
import org.dsplatform.gateway.problem.ProblemResponses;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientConfigurationBuilderCustomizer;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The request limits, and the rate limiter's Redis client tuned to fail fast: commands
 * issued while the connection is down are rejected at once instead of queued until the
 * command timeout.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LimitProperties.class)
class LimitConfiguration {

	@Bean
	RequestShapeWebFilter requestShapeWebFilter(LimitProperties properties, ProblemResponses problems) {
		return new RequestShapeWebFilter(properties.maxBody().toBytes(), problems);
	}

	@Bean
	@ConditionalOnProperty(name = "gateway.limits.rate-limit.enabled", havingValue = "true", matchIfMissing = true)
	RedisRateLimiter redisRateLimiter(LimitProperties properties) {
		LimitProperties.RateLimit rate = properties.rateLimit();
		return new RedisRateLimiter(rate.replenishRate(), rate.burstCapacity(), 1);
	}

	@Bean
	@ConditionalOnProperty(name = "gateway.limits.rate-limit.enabled", havingValue = "true", matchIfMissing = true)
	RateLimitFilter rateLimitFilter(RedisRateLimiter redisRateLimiter, LimitProperties properties,
			ProblemResponses problems, MeterRegistry meters) {
		return new RateLimitFilter(redisRateLimiter, properties.rateLimit(), problems, meters);
	}

	@Bean
	LettuceClientConfigurationBuilderCustomizer failFastWhileDisconnected() {
		return (builder) -> builder.clientOptions(ClientOptions.builder()
			.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
			.build());
	}

}
