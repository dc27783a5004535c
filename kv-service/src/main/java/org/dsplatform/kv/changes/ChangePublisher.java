package org.dsplatform.kv.changes;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.dsplatform.common.event.KvChange;
import org.dsplatform.kv.raft.KvRaftServer;
import org.dsplatform.kv.storage.Change;
import org.dsplatform.kv.storage.HistoryCompactedException;
import org.dsplatform.kv.storage.KvCommand.MarkPublished;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes every committed change to Kafka, in revision order, from the leader only.
 * <p>
 * Exactly one publisher at a time: every leader uses the same Kafka transactional id, so
 * when a new leader's producer starts, Kafka fences the old leader's producer and aborts
 * its open transaction; records become visible to {@code read_committed} consumers only
 * when their transaction commits. No gap: the leader records the last published revision
 * through the Raft log ({@link MarkPublished}) after each commit, and a new leader
 * resumes right after it. Changes published after the last mark may be published again by
 * the next leader: consumers drop a revision they have already seen.
 */
public final class ChangePublisher implements AutoCloseable {

	private static final Log log = LogFactory.getLog(ChangePublisher.class);

	private static final int BATCH = 500;

	private static final Duration MARK_EVERY = Duration.ofMillis(200);

	/**
	 * The shortest time between the starts of two transactions that are not full. Each
	 * transaction costs the broker a commit and a marker in every partition, so under a
	 * stream of writes this gathers them into fewer, larger ones; a write after a quiet
	 * spell is published at once.
	 */
	private static final Duration TRANSACTION_SPACING = Duration.ofMillis(20);

	private final KvRaftServer node;

	private final Map<String, Object> producerConfig;

	private final String topic;

	private final JsonMapper json;

	private final Thread thread;

	private final Object wakeUp = new Object();

	private final AtomicLong publishedTotal = new AtomicLong();

	private volatile boolean running = true;

	private KafkaProducer<String, String> producer;

	private long next;

	private long lastPublished;

	private long lastMarkNanos;

	private long lastTransactionNanos;

	/**
	 * @param producerConfig the Kafka producer configuration (at least the bootstrap
	 * servers)
	 * @param transactionalId the id every leader's producer uses, so that Kafka fences an
	 * old leader
	 */
	public ChangePublisher(KvRaftServer node, Map<String, Object> producerConfig, String transactionalId, String topic,
			JsonMapper json) {
		this.node = node;
		this.topic = topic;
		this.json = json;
		this.producerConfig = new java.util.HashMap<>(producerConfig);
		this.producerConfig.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
		this.producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		this.producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
		this.producerConfig.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5000);
		this.producerConfig.put(ProducerConfig.LINGER_MS_CONFIG, 1);
		this.producerConfig.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
		this.producerConfig.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
		node.stateMachine().onApplied(this::wake);
		this.thread = new Thread(this::run, "kv-change-publisher");
		this.thread.setDaemon(true);
		this.thread.start();
	}

	/** Changes this node has published while it was the leader. */
	public long publishedTotal() {
		return this.publishedTotal.get();
	}

	private void wake() {
		synchronized (this.wakeUp) {
			this.wakeUp.notifyAll();
		}
	}

	private void run() {
		while (this.running) {
			try {
				if (!this.node.isLeaderReady()) {
					stopPublishing();
					await(100);
					continue;
				}
				if (this.producer == null) {
					startPublishing();
				}
				if (!publishBatch()) {
					markPublished();
					await(50);
				}
			}
			catch (RuntimeException ex) {
				if (this.running) {
					log.warn("Publishing changes failed, resuming from the last published revision: " + ex);
					stopPublishing();
					await(500);
				}
			}
		}
		stopPublishing();
	}

	private void startPublishing() {
		KafkaProducer<String, String> created = new KafkaProducer<>(this.producerConfig);
		try {
			created.initTransactions();
		}
		catch (RuntimeException ex) {
			created.close(Duration.ZERO);
			throw ex;
		}
		this.producer = created;
		this.lastPublished = this.node.store().publishedRevision();
		this.next = this.lastPublished + 1;
		log.info("Leading: publishing changes to " + this.topic + " from revision " + this.next);
	}

	private boolean publishBatch() {
		List<Change> changes;
		try {
			changes = this.node.store().changesSince(this.next, BATCH);
		}
		catch (HistoryCompactedException ex) {
			log.error("Changes from revision " + this.next + " are no longer kept; the change stream has a gap up to "
					+ ex.oldestAvailableRevision());
			this.next = ex.oldestAvailableRevision();
			return true;
		}
		if (changes.isEmpty()) {
			return false;
		}
		if (changes.size() < BATCH && spaceTransaction()) {
			return true;
		}
		this.lastTransactionNanos = System.nanoTime();
		this.producer.beginTransaction();
		for (Change change : changes) {
			this.producer
				.send(new ProducerRecord<>(this.topic, change.key(), this.json.writeValueAsString(toEvent(change))));
		}
		this.producer.commitTransaction();
		this.lastPublished = changes.get(changes.size() - 1).revision();
		this.next = this.lastPublished + 1;
		this.publishedTotal.addAndGet(changes.size());
		return true;
	}

	/**
	 * Waits out the rest of the spacing since the last transaction began.
	 * @return whether it waited, so that the caller reads the changes again
	 */
	private boolean spaceTransaction() {
		long wait = TRANSACTION_SPACING.toNanos() - (System.nanoTime() - this.lastTransactionNanos);
		if (wait <= 0) {
			return false;
		}
		try {
			TimeUnit.NANOSECONDS.sleep(wait);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.running = false;
		}
		return true;
	}

	private void markPublished() {
		long now = System.nanoTime();
		if (this.lastPublished > this.node.store().publishedRevision()
				&& now - this.lastMarkNanos > MARK_EVERY.toNanos()) {
			this.lastMarkNanos = now;
			this.node.write(new MarkPublished(this.lastPublished));
		}
	}

	private void stopPublishing() {
		if (this.producer != null) {
			try {
				this.producer.close(Duration.ofSeconds(2));
			}
			catch (RuntimeException ex) {
				// the producer may already be fenced; closing is all that is left to do
			}
			this.producer = null;
			log.info("No longer publishing changes");
		}
	}

	private void await(long millis) {
		synchronized (this.wakeUp) {
			try {
				this.wakeUp.wait(millis);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				this.running = false;
			}
		}
	}

	private static KvChange toEvent(Change change) {
		return new KvChange(change.revision(), change.operation().name(), change.key(), change.value(),
				change.version(), change.leaseId());
	}

	@Override
	public void close() {
		this.running = false;
		this.thread.interrupt();
		try {
			this.thread.join(TimeUnit.SECONDS.toMillis(5));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
