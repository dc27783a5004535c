package org.dsplatform.lock.events;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.redisson.api.RBatch;
import org.redisson.api.RStream;
import org.redisson.api.RStreamAsync;
import org.redisson.api.RedissonClient;
import org.redisson.api.stream.StreamMessageId;
import org.redisson.api.stream.StreamCreateGroupArgs;
import org.redisson.api.stream.StreamReadGroupArgs;
import org.redisson.client.codec.StringCodec;

import org.springframework.kafka.core.KafkaTemplate;

/**
 * Moves lock events from the Redis outbox to Kafka, at least once.
 * <p>
 * Every node runs one relay, a consumer of the outbox stream's consumer group named after
 * the node, so the nodes share the work and each event goes to one of them. An entry is
 * acknowledged and deleted only after Kafka acknowledged it. Entries that failed, or that
 * a dead node had taken, stay pending in the group and are claimed again once idle for
 * {@code claimIdle}. The relay runs on its own thread: a Kafka outage blocks it, never a
 * lock request.
 * <p>
 * After a batch that was not full, the relay lets events gather for {@code linger} before
 * reading again. Under load, reading each event as it came cost four Redis round trips
 * and a Kafka request for every one or two events, which made relaying a fifth of a lock
 * node's work; an event now reaches Kafka up to {@code linger} later. Acknowledging and
 * deleting a batch is one pipelined round trip, and the outbox length is read once a
 * second.
 * <p>
 * Meters: {@code locks.events.published}, {@code locks.events.failed} (each failed
 * attempt to publish an event) and {@code locks.events.backlog} (outbox length).
 */
public final class LockEventRelay implements AutoCloseable {

	static final String GROUP = "lock-event-relay";

	private static final Log log = LogFactory.getLog(LockEventRelay.class);

	private static final StreamMessageId START = new StreamMessageId(0, 0);

	private static final long BACKLOG_EVERY_NANOS = TimeUnit.SECONDS.toNanos(1);

	private final RedissonClient redisson;

	private final String outboxKey;

	private final RStream<String, String> outbox;

	private final KafkaTemplate<String, Object> kafka;

	private final String topic;

	private final String consumer;

	private final int batchSize;

	private final Duration linger;

	private final Duration claimIdle;

	private final Duration sendTimeout;

	private final Counter published;

	private final Counter failed;

	private final AtomicLong backlog = new AtomicLong();

	private volatile boolean running;

	private Thread thread;

	private boolean groupReady;

	private boolean failing;

	/**
	 * @param redisson the Redis client
	 * @param kafka publishes the events (JSON values)
	 * @param outboxKey the stream the lock scripts write
	 * @param topic the Kafka topic
	 * @param consumer this node's name in the consumer group
	 * @param batchSize how many events to move at a time
	 * @param linger how long to let events gather after a batch that was not full
	 * @param claimIdle after how long an unacknowledged event is taken over
	 * @param sendTimeout how long to wait for Kafka's acknowledgement
	 * @param registry where the meters go
	 */
	public LockEventRelay(RedissonClient redisson, KafkaTemplate<String, Object> kafka, String outboxKey, String topic,
			String consumer, int batchSize, Duration linger, Duration claimIdle, Duration sendTimeout,
			MeterRegistry registry) {
		this.redisson = redisson;
		this.outboxKey = outboxKey;
		this.outbox = redisson.getStream(outboxKey, StringCodec.INSTANCE);
		this.kafka = kafka;
		this.topic = topic;
		this.consumer = consumer;
		this.batchSize = batchSize;
		this.linger = linger;
		this.claimIdle = claimIdle;
		this.sendTimeout = sendTimeout;
		this.published = Counter.builder("locks.events.published")
			.description("Lock events published to Kafka")
			.register(registry);
		this.failed = Counter.builder("locks.events.failed")
			.description("Attempts to publish a lock event that failed; the event is retried later")
			.register(registry);
		Gauge.builder("locks.events.backlog", this.backlog, AtomicLong::get)
			.description("Lock events in the Redis outbox, not yet published")
			.register(registry);
	}

	public synchronized void start() {
		if (this.thread != null) {
			return;
		}
		this.running = true;
		this.thread = new Thread(this::run, "lock-events-" + this.consumer);
		this.thread.setDaemon(true);
		this.thread.start();
	}

	/**
	 * Stops relaying; what is left in the outbox is relayed by another node or after the
	 * restart.
	 */
	@Override
	public synchronized void close() {
		this.running = false;
		if (this.thread != null) {
			this.thread.interrupt();
			try {
				this.thread.join(5000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			this.thread = null;
		}
	}

	private void run() {
		long nextClaim = 0;
		long nextBacklog = 0;
		int failures = 0;
		while (this.running) {
			try {
				ensureGroup();
				Map<StreamMessageId, Map<String, String>> batch = Map.of();
				if (System.nanoTime() - nextClaim >= 0) {
					batch = this.outbox
						.autoClaim(GROUP, this.consumer, this.claimIdle.toMillis(), TimeUnit.MILLISECONDS, START,
								this.batchSize)
						.getMessages();
					nextClaim = System.nanoTime() + this.claimIdle.toNanos() / 2;
				}
				if (batch == null || batch.isEmpty()) {
					batch = this.outbox.readGroup(GROUP, this.consumer,
							StreamReadGroupArgs.neverDelivered().count(this.batchSize).timeout(Duration.ofSeconds(1)));
				}
				boolean empty = batch == null || batch.isEmpty();
				boolean delivered = empty || relay(batch);
				if (System.nanoTime() - nextBacklog >= 0) {
					this.backlog.set(this.outbox.size());
					nextBacklog = System.nanoTime() + BACKLOG_EVERY_NANOS;
				}
				failures = delivered ? 0 : failures + 1;
				if (!delivered) {
					pause(failures);
				}
				else if (!empty && batch.size() < this.batchSize) {
					sleep(this.linger.toMillis());
				}
			}
			catch (RuntimeException ex) {
				if (!this.running) {
					break;
				}
				failures++;
				// Redis may have restarted without its data, taking the group along.
				this.groupReady = false;
				log.debug("Lock event relay could not read the outbox", ex);
				pause(failures);
			}
		}
	}

	private void ensureGroup() {
		if (this.groupReady) {
			return;
		}
		try {
			this.outbox.createGroup(StreamCreateGroupArgs.name(GROUP).id(StreamMessageId.ALL).makeStream());
		}
		catch (RuntimeException ex) {
			if (ex.getMessage() == null || !ex.getMessage().contains("BUSYGROUP")) {
				throw ex;
			}
		}
		this.groupReady = true;
	}

	/**
	 * Publishes a batch in order; stops at the first event Kafka does not take.
	 * @return whether every event was published
	 */
	private boolean relay(Map<StreamMessageId, Map<String, String>> batch) {
		Map<StreamMessageId, CompletableFuture<?>> sent = new LinkedHashMap<>();
		List<StreamMessageId> done = new ArrayList<>();
		boolean complete = true;
		for (Map.Entry<StreamMessageId, Map<String, String>> entry : batch.entrySet()) {
			LockEvent event;
			try {
				event = LockEvent.fromOutbox(entry.getValue());
			}
			catch (IllegalArgumentException ex) {
				log.warn("Dropping a malformed outbox entry " + entry.getKey() + ": " + ex.getMessage());
				done.add(entry.getKey());
				continue;
			}
			try {
				sent.put(entry.getKey(), this.kafka.send(this.topic, event.name(), event));
			}
			catch (RuntimeException ex) {
				// Typically no metadata within max.block.ms: Kafka is away; the rest of
				// the
				// batch would block just as long.
				failed(ex);
				complete = false;
				break;
			}
		}
		for (Map.Entry<StreamMessageId, CompletableFuture<?>> entry : sent.entrySet()) {
			try {
				entry.getValue().get(this.sendTimeout.toMillis(), TimeUnit.MILLISECONDS);
				done.add(entry.getKey());
				this.published.increment();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				complete = false;
				break;
			}
			catch (Exception ex) {
				failed(ex);
				complete = false;
			}
		}
		if (!done.isEmpty()) {
			StreamMessageId[] ids = done.toArray(StreamMessageId[]::new);
			RBatch settle = this.redisson.createBatch();
			RStreamAsync<String, String> outbox = settle.getStream(this.outboxKey, StringCodec.INSTANCE);
			outbox.ackAsync(GROUP, ids);
			outbox.removeAsync(ids);
			settle.execute();
		}
		if (complete && this.failing) {
			this.failing = false;
			log.info("Kafka takes lock events again");
		}
		return complete;
	}

	private void failed(Exception ex) {
		this.failed.increment();
		if (!this.failing) {
			this.failing = true;
			log.warn("Could not publish lock events to Kafka; they stay in the Redis outbox and are retried: "
					+ ex.getMessage());
		}
		else {
			log.debug("Could not publish a lock event to Kafka", ex);
		}
	}

	private void pause(int failures) {
		sleep(Math.min(5000, 100L << Math.min(failures, 6)));
	}

	private void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
