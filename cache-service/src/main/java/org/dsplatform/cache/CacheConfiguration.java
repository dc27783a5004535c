package org.dsplatform.cache;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.github.benmanes.caffeine.cache.Ticker;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.dsplatform.cache.node.CacheNode;
import org.dsplatform.cache.node.PeerClient;
import org.dsplatform.cache.ring.CacheRing;
import org.dsplatform.cache.store.CacheStore;
import org.dsplatform.common.kv.KvHttpClient;
import org.dsplatform.common.node.NodeProperties;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires a cache node: its store, its view of the ring (registered in the KV),
 * read-through and peers.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CacheProperties.class)
class CacheConfiguration {

	/**
	 * Each attempt (one KV node) may take 2 s: a healthy KV answers a linearizable read
	 * in milliseconds, and a read-through whose first node is paused must still fit in
	 * the gateway's 4 s for the cache route once it moves on to the next.
	 */
	@Bean
	KvHttpClient kvHttpClient(CacheProperties properties) {
		return new KvHttpClient(properties.kvUrls(), Duration.ofSeconds(2));
	}

	@Bean
	CacheStore cacheStore(CacheProperties properties, MeterRegistry meters) {
		CacheStore store = new CacheStore(properties.maxBytes().toBytes(), Ticker.systemTicker());
		FunctionCounter.builder("cache.hits", store, (s) -> s.stats().hitCount()).register(meters);
		FunctionCounter.builder("cache.misses", store, (s) -> s.stats().missCount()).register(meters);
		FunctionCounter.builder("cache.evictions", store, CacheStore::evictions).register(meters);
		Gauge.builder("cache.size", store, CacheStore::size).register(meters);
		return store;
	}

	@Bean(destroyMethod = "close")
	CacheRing cacheRing(NodeProperties node, CacheProperties properties, KvHttpClient kv, MeterRegistry meters) {
		CacheRing ring = new CacheRing(node.nodeId(), properties, kv);
		Gauge.builder("cache.ring.version", ring, (r) -> r.ring().version()).register(meters);
		Gauge.builder("cache.ring.members", ring, (r) -> r.ring().members().size()).register(meters);
		FunctionCounter.builder("cache.keys.moved", ring, CacheRing::keysMoved).register(meters);
		return ring;
	}

	@Bean
	PeerClient peerClient(CacheProperties properties) {
		return new PeerClient(properties.peerTimeout());
	}

	@Bean(destroyMethod = "shutdownNow")
	ExecutorService kvReads() {
		return Executors.newFixedThreadPool(8, (runnable) -> {
			Thread thread = new Thread(runnable, "kv-read-through");
			thread.setDaemon(true);
			return thread;
		});
	}

	/**
	 * Joins the ring once the node serves requests: the keys handed to it before would be
	 * lost.
	 */
	@Bean
	ApplicationListener<ApplicationReadyEvent> joinRingWhenReady(CacheRing cacheRing) {
		return (ready) -> cacheRing.join();
	}

	@Bean
	CacheNode cacheNode(CacheRing cacheRing, CacheStore cacheStore, KvHttpClient kv, PeerClient peers,
			ExecutorService kvReads) {
		CacheNode node = new CacheNode(cacheRing, cacheStore, kv, peers, kvReads);
		cacheRing.start(node::handoff);
		return node;
	}

}
