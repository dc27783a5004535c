package org.dsplatform.cache.ring;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.dsplatform.common.kv.KvHttpClient;

/**
 * Keeps this node in the ring registry: its key {@code <prefix><nodeId>} (value: its URL)
 * is attached to a lease that is kept alive every third of its ttl while the node runs. A
 * node that dies stops renewing and leaves the ring when the lease expires; one that lost
 * its lease (a long pause, the KV unreachable) registers again.
 * <p>
 * A lease's clock starts when the KV applies the grant or keepalive, somewhere between
 * sending the request and reading the answer, so each renewal is due a third of the ttl
 * after the previous one was <em>sent</em>. Counting from its answer instead lets a slow
 * KV (a cold start, an election) let the lease lapse between two renewals that each
 * succeeded.
 */
final class Registration implements AutoCloseable {

	private static final Log log = LogFactory.getLog(Registration.class);

	private final KvHttpClient kv;

	private final String key;

	private final String url;

	private final Duration ttl;

	private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor((runnable) -> {
		Thread thread = new Thread(runnable, "ring-registration");
		thread.setDaemon(true);
		return thread;
	});

	private volatile long leaseId;

	Registration(KvHttpClient kv, String key, String url, Duration ttl) {
		this.kv = kv;
		this.key = key;
		this.url = url;
		this.ttl = ttl;
	}

	Registration start() {
		this.timer.execute(this::renew);
		return this;
	}

	private void renew() {
		long sent = System.nanoTime();
		try {
			if (this.leaseId == 0 || !this.kv.keepAlive(this.leaseId)) {
				long lease = this.kv.grantLease(this.ttl);
				this.kv.put(this.key, this.url, lease);
				this.leaseId = lease;
				log.info("Registered " + this.key + " under lease " + lease);
			}
		}
		catch (RuntimeException ex) {
			log.warn("Cannot renew the ring registration: " + ex.getMessage());
		}
		long period = Math.max(100, this.ttl.toMillis() / 3);
		long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent);
		try {
			this.timer.schedule(this::renew, Math.max(0, period - elapsed), TimeUnit.MILLISECONDS);
		}
		catch (RejectedExecutionException ex) {
			// Closed: the node is leaving.
		}
	}

	@Override
	public void close() {
		this.timer.shutdownNow();
		long lease = this.leaseId;
		if (lease != 0) {
			try {
				// Leave the ring at once rather than when the lease would expire.
				this.kv.revoke(lease);
			}
			catch (RuntimeException ex) {
				log.warn("Could not revoke the registration lease: " + ex.getMessage());
			}
		}
	}

}
