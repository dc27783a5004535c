package org.dsplatform.gateway.ring;

import java.time.Duration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.dsplatform.common.kv.KvHttpClient;
import org.dsplatform.common.ring.RingMembership;
import org.dsplatform.gateway.balance.ChooserContribution;
import org.dsplatform.gateway.balance.InstanceSource;
import org.dsplatform.gateway.balance.Strategy;
import reactor.core.publisher.Mono;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Key-affinity routing for the cache: the ring the cache nodes share, followed from the
 * KV registry, the cache nodes it lists as the cache route's instances, and a count of
 * cache requests that still needed a forwarding hop (zero in steady state).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CacheRingProperties.class)
class CacheRingConfiguration {

	@Bean(destroyMethod = "close")
	RingMembership cacheRingMembership(CacheRingProperties properties, MeterRegistry meters) {
		RingMembership membership = new RingMembership(new KvHttpClient(properties.kvUrls(), Duration.ofSeconds(3)),
				"registry/cache/", properties.seedMap(), properties.virtualNodes());
		Gauge.builder("gateway.cache.ring.version", membership, (m) -> m.ring().version()).register(meters);
		return membership.start();
	}

	@Bean
	ChooserContribution keyRingChooser(RingMembership cacheRingMembership) {
		return new ChooserContribution(Strategy.KEY_RING, new KeyRingChooser(cacheRingMembership));
	}

	/**
	 * The cache route balances over the registered nodes, and the configured instances of
	 * the cache service that are not among them.
	 */
	@Bean
	InstanceSource registeredCacheNodes(RingMembership cacheRingMembership, CacheRingProperties properties) {
		RegisteredNodes nodes = new RegisteredNodes(cacheRingMembership, properties.serviceId());
		return new InstanceSource(properties.serviceId(), nodes::instances);
	}

	@Bean
	GlobalFilter cacheHopCounter(MeterRegistry meters) {
		Counter direct = Counter.builder("gateway.cache.requests").tag("hop", "direct").register(meters);
		Counter forwarded = Counter.builder("gateway.cache.requests").tag("hop", "forwarded").register(meters);
		return (exchange, chain) -> {
			if (!exchange.getRequest().getPath().value().startsWith(KeyRingChooser.KEYS_PATH)) {
				return chain.filter(exchange);
			}
			return chain.filter(exchange).then(Mono.fromRunnable(() -> {
				boolean hop = exchange.getResponse().getHeaders().containsHeader("X-Forwarded-By");
				(hop ? forwarded : direct).increment();
			}));
		};
	}

}
