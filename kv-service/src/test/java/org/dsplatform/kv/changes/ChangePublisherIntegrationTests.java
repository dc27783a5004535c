package org.dsplatform.kv.changes;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.dsplatform.common.event.KvChange;
import org.dsplatform.kv.raft.KvCluster;
import org.dsplatform.kv.raft.KvRaftServer;
import org.dsplatform.kv.storage.KvCommand.Precondition;
import org.dsplatform.kv.storage.KvCommand.Put;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The change stream on a real Kafka broker and a real 3-node Raft group, across a change
 * of leader.
 */
class ChangePublisherIntegrationTests {

	private static final String TOPIC = "kv.changes";

	private final JsonMapper json = JsonMapper.builder().build();

	private final List<ChangePublisher> publishers = new ArrayList<>();

	private EmbeddedKafkaKraftBroker kafka;

	@TempDir
	Path dir;

	@BeforeEach
	void startKafka() {
		this.kafka = new EmbeddedKafkaKraftBroker(1, 3, TOPIC);
		this.kafka.brokerProperties(Map.of("transaction.state.log.replication.factor", "1",
				"transaction.state.log.min.isr", "1", "transaction.state.log.num.partitions", "3"));
		this.kafka.afterPropertiesSet();
	}

	@AfterEach
	void stopKafka() {
		this.publishers.forEach(ChangePublisher::close);
		this.kafka.destroy();
	}

	@Test
	void publishesEveryRevisionWithNoGapAcrossALeaderChange() throws Exception {
		try (KvCluster cluster = KvCluster.start(3, this.dir)) {
			for (KvRaftServer node : cluster.nodes()) {
				this.publishers.add(publisher(node));
			}
			KvRaftServer leader = cluster.awaitLeader(Duration.ofSeconds(20));
			for (int i = 0; i < 150; i++) {
				KvCluster.write(leader, put("before-" + i));
			}
			// Stop the leader at once, while its last changes may not be published or
			// marked yet.
			ChangePublisher leaderPublisher = this.publishers.get(cluster.ids().indexOf(leader.nodeId()));
			cluster.stop(leader.nodeId());
			leaderPublisher.close();
			KvRaftServer survivor = cluster.nodes().get(0);
			for (int i = 0; i < 150; i++) {
				KvCluster.write(survivor, put("after-" + i));
			}
			TreeSet<Long> revisions = consumeRevisions(300, Duration.ofSeconds(60));
			assertThat(revisions.first()).isEqualTo(1);
			assertThat(revisions.last()).isEqualTo(300);
			assertThat(revisions).hasSize(300);
		}
	}

	private ChangePublisher publisher(KvRaftServer node) {
		Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, this.kafka.getBrokersAsString());
		return new ChangePublisher(node, config, "kv-changes-test", TOPIC, this.json);
	}

	private TreeSet<Long> consumeRevisions(long upTo, Duration timeout) {
		Properties properties = new Properties();
		properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, this.kafka.getBrokersAsString());
		properties.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + System.nanoTime());
		properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
		properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		TreeSet<Long> revisions = new TreeSet<>();
		long deadline = System.nanoTime() + timeout.toNanos();
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties)) {
			consumer.subscribe(List.of(TOPIC));
			while (System.nanoTime() < deadline && (revisions.size() < upTo || revisions.last() < upTo)) {
				for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
					KvChange event = this.json.readValue(record.value(), KvChange.class);
					assertThat(record.key()).isEqualTo(event.key());
					revisions.add(event.revision());
				}
			}
		}
		return revisions;
	}

	private static Put put(String key) {
		return new Put(key, "v", 0, Precondition.NONE, null);
	}

}
