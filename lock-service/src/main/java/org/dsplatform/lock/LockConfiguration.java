package org.dsplatform.lock;

import java.time.Clock;
import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import org.dsplatform.common.node.NodeProperties;
import org.dsplatform.lock.events.LockEventRelay;
import org.dsplatform.lock.fencing.EpochSource;
import org.dsplatform.lock.fencing.KvEpochSource;
import org.dsplatform.lock.lease.LeaseSettings;
import org.dsplatform.lock.lease.RedissonLockManager;
import org.redisson.api.RedissonClient;
import org.redisson.config.BaseConfig;
import org.redisson.config.ConstantDelay;
import org.redisson.spring.starter.RedissonAutoConfigurationCustomizer;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Wires the lock manager, its epoch source and the event relay.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LockProperties.class)
class LockConfiguration {

	/** The Redis stream the lock scripts record events in, and the relay reads. */
	static final String OUTBOX_KEY = "dsl:events";

	private static final int MAX_LISTED_HOLDERS = 100;

	@Bean
	@ConditionalOnMissingBean
	Clock clock() {
		return Clock.systemUTC();
	}

	/**
	 * Redisson resends a command that got no answer; a resent script may run twice, and a
	 * client is better served by a quick 503 than by a grant seconds later. Its event
	 * loops are few (see {@link LockProperties#redisIoThreads()}).
	 */
	@Bean
	RedissonAutoConfigurationCustomizer lockRedissonCustomizer(LockProperties properties) {
		return (config) -> {
			BaseConfig<?> servers = config.isSentinelConfig() ? config.useSentinelServers()
					: config.isClusterConfig() ? config.useClusterServers() : config.useSingleServer();
			config.setNettyThreads(properties.redisIoThreads());
			servers.setRetryAttempts(properties.redisRetryAttempts());
			servers.setRetryDelay(new ConstantDelay(Duration.ofMillis(200)));
		};
	}

	@Bean
	@ConditionalOnMissingBean
	EpochSource epochSource(LockProperties properties, NodeProperties node, Clock clock) {
		return new KvEpochSource(properties.kvUrl(), node.nodeId(), properties.kvTimeout(), clock);
	}

	@Bean(initMethod = "start", destroyMethod = "close")
	RedissonLockManager lockManager(RedissonClient redisson, EpochSource epochSource, LockProperties properties,
			NodeProperties node, Clock clock, MeterRegistry registry) {
		LeaseSettings settings = new LeaseSettings(node.nodeId(), OUTBOX_KEY, properties.events().outboxMaxLength(),
				properties.keyGrace(), properties.waiterHeartbeat(), properties.sweepInterval(), MAX_LISTED_HOLDERS);
		return new RedissonLockManager(redisson, epochSource, settings, clock, registry);
	}

	/**
	 * Ends pending waits before the web server's graceful shutdown waits for requests to
	 * finish (a higher phase stops first), so a node stops in seconds, not after the
	 * longest wait.
	 */
	@Bean
	SmartLifecycle lockWaitersShutdown(RedissonLockManager lockManager) {
		return new SmartLifecycle() {

			private volatile boolean running;

			@Override
			public void start() {
				this.running = true;
			}

			@Override
			public void stop() {
				this.running = false;
				lockManager.close();
			}

			@Override
			public boolean isRunning() {
				return this.running;
			}

		};
	}

	@Bean(initMethod = "start", destroyMethod = "close")
	@ConditionalOnProperty(name = "locks.events.enabled", matchIfMissing = true)
	LockEventRelay lockEventRelay(RedissonClient redisson, KafkaTemplate<String, Object> kafka,
			LockProperties properties, NodeProperties node, MeterRegistry registry) {
		LockProperties.Events events = properties.events();
		return new LockEventRelay(redisson, kafka, OUTBOX_KEY, events.topic(), node.nodeId(), events.batchSize(),
				events.linger(), events.claimIdle(), events.sendTimeout(), registry);
	}

}
