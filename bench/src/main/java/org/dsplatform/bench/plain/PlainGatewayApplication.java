package org.dsplatform.bench.plain;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Spring Cloud Gateway as it comes, configured by its command-line arguments alone (see
 * {@link PlainGateway#arguments}): one route to a load-balanced service whose instances
 * the simple discovery client lists, and nothing of ours.
 * <p>
 * It scans only its own package, which holds no components. It runs on the bench's
 * classpath, which brings auto-configurations a gateway does not have; those that could
 * act are excluded, although none does as things are: the platform's own (with the
 * {@code common} module), which only act in servlet applications, so that none of our
 * code runs in it; and Spring Boot's cache, which would take Redisson's JCache provider
 * for a cache manager, and with it a Redis connection, should anything enable caching.
 */
@SpringBootApplication(proxyBeanMethods = false,
		excludeName = { "org.dsplatform.common.PlatformAutoConfiguration",
				"org.dsplatform.common.request.RequestGuardAutoConfiguration",
				"org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration" })
class PlainGatewayApplication {

	public static void main(String[] args) {
		SpringApplication.run(PlainGatewayApplication.class, args);
	}

}
