package org.dsplatform.kv;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.dsplatform.common.node.NodeProperties;
import org.dsplatform.kv.changes.ChangePublisher;
import org.dsplatform.kv.lease.LeaseExpirer;
import org.dsplatform.kv.raft.KvNodeSettings;
import org.dsplatform.kv.raft.KvRaftServer;
import org.dsplatform.kv.raft.RepeatedWarnings;
import org.dsplatform.kv.watch.WatchHeartbeat;
import org.dsplatform.kv.watch.WatchHub;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires a kv node: its Raft peer, the leader's lease expiry and change publishing, and
 * watches.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(KvProperties.class)
class KvConfiguration {

	@Bean(destroyMethod = "close")
	KvRaftServer kvRaftServer(KvProperties properties, NodeProperties node) throws IOException {
		// A paused or dead follower would otherwise add about six lines a second to the
		// leader's log.
		RepeatedWarnings.install(Set.of(RepeatedWarnings.RATIS_LOG_APPENDER), Duration.ofSeconds(10));
		KvProperties.Raft raft = properties.raft();
		Path dataDir = (properties.dataDir() != null) ? properties.dataDir() : Path.of("data", node.nodeId());
		return KvRaftServer.start(new KvNodeSettings(node.nodeId(), raft.peerMap(), dataDir, raft.snapshotThreshold(),
				raft.historyLimit(), raft.electionTimeoutMin(), raft.electionTimeoutMax(), raft.requestTimeout(),
				raft.logSegmentSize().toBytes()));
	}

	@Bean(destroyMethod = "close")
	LeaseExpirer leaseExpirer(KvRaftServer kvRaftServer) {
		return new LeaseExpirer(kvRaftServer, 100);
	}

	@Bean(destroyMethod = "close")
	@ConditionalOnBooleanProperty(name = "kv.changes.enabled", matchIfMissing = true)
	ChangePublisher changePublisher(KvRaftServer kvRaftServer, KafkaProperties kafka, KvProperties properties,
			JsonMapper json) {
		return new ChangePublisher(kvRaftServer, kafka.buildProducerProperties(), "dsplatform-kv-changes",
				properties.changes().topic(), json);
	}

	@Bean(destroyMethod = "shutdownNow")
	ExecutorService watchSenders() {
		return Executors.newFixedThreadPool(4, (runnable) -> {
			Thread thread = new Thread(runnable, "watch-sender");
			thread.setDaemon(true);
			return thread;
		});
	}

	@Bean
	WatchHub watchHub(KvRaftServer kvRaftServer, ExecutorService watchSenders) {
		WatchHub hub = new WatchHub(kvRaftServer.store(), watchSenders);
		kvRaftServer.stateMachine().onApplied(hub::changed);
		return hub;
	}

	@Bean(destroyMethod = "close")
	WatchHeartbeat watchHeartbeat(WatchHub watchHub, KvProperties properties) {
		return WatchHeartbeat.start(watchHub, properties.watch().heartbeat());
	}

	/**
	 * Ends open watches when shutdown begins, before the web server waits for requests in
	 * flight to finish.
	 */
	@Bean
	SmartLifecycle watchesClosedOnShutdown(WatchHub watchHub) {
		return new SmartLifecycle() {

			private volatile boolean running;

			@Override
			public void start() {
				this.running = true;
			}

			@Override
			public void stop() {
				watchHub.closeAll();
				this.running = false;
			}

			@Override
			public boolean isRunning() {
				return this.running;
			}

		};
	}

}
