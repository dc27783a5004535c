package org.dsplatform.lock.events;

import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.dsplatform.common.testing.TestRedis;
import org.dsplatform.lock.fencing.CountingEpochSource;
import org.dsplatform.lock.lease.AcquireRequest;
import org.dsplatform.lock.lease.Lease;
import org.dsplatform.lock.lease.LeaseMode;
import org.dsplatform.lock.lease.LeaseSettings;
import org.dsplatform.lock.lease.LockId;
import org.dsplatform.lock.lease.RedissonLockManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.serializer.JacksonJsonSerializer;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Lock events from the scripts' outbox to a real Kafka broker, and what a Kafka outage
 * does to them.
 */
class LockEventsIntegrationTests {

	static final String TOPIC = "lock.events";

	static EmbeddedKafkaKraftBroker kafka;

	final JsonMapper json = JsonMapper.builder().build();

	final List<AutoCloseable> resources = new ArrayList<>();

	TestRedis redis;

	RedissonClient redisson;

	RedissonLockManager locks;

	@BeforeAll
	static void startKafka() {
		kafka = new EmbeddedKafkaKraftBroker(1, 1, TOPIC);
		kafka.afterPropertiesSet();
	}

	@AfterAll
	static void stopKafka() {
		kafka.destroy();
	}

	@BeforeEach
	void startLocks() {
		this.redis = TestRedis.start();
		Config config = new Config();
		config.setThreads(2);
		config.setNettyThreads(4);
		config.useSingleServer()
			.setAddress(this.redis.url())
			.setRetryAttempts(0)
			.setConnectionMinimumIdleSize(2)
			.setSubscriptionConnectionMinimumIdleSize(1);
		this.redisson = Redisson.create(config);
		LeaseSettings settings = new LeaseSettings("lock-a", "dsl:events", 10_000, Duration.ofMinutes(1),
				Duration.ofSeconds(5), Duration.ofMillis(100), 100);
		this.locks = new RedissonLockManager(this.redisson, new CountingEpochSource(1), settings, Clock.systemUTC(),
				new SimpleMeterRegistry());
		this.locks.start();
	}

	@AfterEach
	void stopLocks() throws Exception {
		for (AutoCloseable resource : this.resources) {
			resource.close();
		}
		this.locks.close();
		this.redisson.shutdown(0, 2, TimeUnit.SECONDS);
		this.redis.close();
	}

	@Test
	void publishesEveryGrantReleaseAndExpiryAsJsonKeyedByLockName() {
		relay(kafka.getBrokersAsString(), "lock-a", Duration.ofSeconds(30), new SimpleMeterRegistry());
		Lease released = this.locks.acquire(mutex("evented", 30_000, 0)).join();
		this.locks.release(released.lock(), released.leaseId()).join();
		Lease expired = this.locks.acquire(mutex("evented", 150, 0)).join();

		List<ConsumerRecord<String, String>> records = consume("evented", 4);

		assertThat(records).extracting(ConsumerRecord::key).containsOnly("evented");
		List<JsonNode> events = records.stream().map((record) -> this.json.readTree(record.value())).toList();
		assertThat(events).extracting((event) -> event.get("type").asString())
			.containsExactly("GRANTED", "RELEASED", "GRANTED", "EXPIRED");
		assertThat(events).extracting((event) -> event.get("fencingToken").asLong())
			.containsExactly(released.fencingToken(), released.fencingToken(), expired.fencingToken(),
					expired.fencingToken());
		JsonNode granted = events.get(0);
		assertThat(granted.get("fencingToken").isIntegralNumber()).isTrue();
		assertThat(granted.get("primitive").asString()).isEqualTo("mutex");
		assertThat(granted.get("owner").asString()).isEqualTo("alice");
		assertThat(granted.get("node").asString()).isEqualTo("lock-a");
		assertThat(Instant.parse(granted.get("at").asString())).isBefore(Instant.now().plusSeconds(1));
		assertThat(granted.has("leaseId")).isFalse();
		assertThat(granted.has("mode")).isFalse();
		assertThat(records.get(0).headers().toArray()).isEmpty();
	}

	@Test
	void grantsAtOnceWhileKafkaIsAwayAndDeliversTheEventsOnceItIsBack() throws Exception {
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		LockEventRelay cutOff = relay("127.0.0.1:" + closedPort(), "lock-a", Duration.ofMillis(500), meters);
		long begin = System.nanoTime();

		Lease lease = this.locks.acquire(mutex("delayed", 30_000, 0)).join();
		this.locks.release(lease.lock(), lease.leaseId()).join();

		assertThat(Duration.ofNanos(System.nanoTime() - begin)).isLessThan(Duration.ofMillis(500));
		await().atMost(Duration.ofSeconds(10)).until(() -> meters.get("locks.events.failed").counter().count() >= 1);
		cutOff.close();

		relay(kafka.getBrokersAsString(), "lock-b", Duration.ofMillis(500), new SimpleMeterRegistry());
		List<ConsumerRecord<String, String>> records = consume("delayed", 2);
		assertThat(records).extracting((record) -> this.json.readTree(record.value()).get("type").asString())
			.containsExactly("GRANTED", "RELEASED");
	}

	private LockEventRelay relay(String bootstrap, String node, Duration claimIdle, SimpleMeterRegistry meters) {
		JacksonJsonSerializer<Object> values = new JacksonJsonSerializer<>();
		values.setAddTypeInfo(false);
		DefaultKafkaProducerFactory<String, Object> producers = new DefaultKafkaProducerFactory<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.MAX_BLOCK_MS_CONFIG, 500,
						ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 1000, ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
						2000),
				new StringSerializer(), values);
		LockEventRelay relay = new LockEventRelay(this.redisson, new KafkaTemplate<>(producers), "dsl:events", TOPIC,
				node, 100, Duration.ofMillis(20), claimIdle, Duration.ofSeconds(5), meters);
		relay.start();
		// Closed in reverse order of creation: the relay before its producer.
		this.resources.add(0, producers::destroy);
		this.resources.add(0, relay);
		return relay;
	}

	private List<ConsumerRecord<String, String>> consume(String name, int count) {
		Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.getBrokersAsString(),
				ConsumerConfig.GROUP_ID_CONFIG, UUID.randomUUID().toString(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
				"earliest");
		List<ConsumerRecord<String, String>> records = new ArrayList<>();
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
				new StringDeserializer())) {
			consumer.subscribe(List.of(TOPIC));
			await().atMost(Duration.ofSeconds(20)).until(() -> {
				consumer.poll(Duration.ofMillis(200)).forEach((record) -> {
					if (name.equals(record.key())) {
						records.add(record);
					}
				});
				return records.size() >= count;
			});
		}
		return records;
	}

	private static AcquireRequest mutex(String name, long leaseMs, long waitMs) {
		return new AcquireRequest(LockId.mutex(name), "alice", LeaseMode.EXCLUSIVE, Duration.ofMillis(leaseMs),
				Duration.ofMillis(waitMs), false);
	}

	private static int closedPort() throws Exception {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
