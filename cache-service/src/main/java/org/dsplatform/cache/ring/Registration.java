package org.dsplatform.cache.ring;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.dsplatform.common.kv.KvHttpClient;

/**
 * Keeps this node in the ring registry: its key {@code <prefix><nodeId>} (value: its URL)
 * is attached to a lease that is kept alive every third of its ttl while the node runs. A
 * node that dies stops renewing and leaves the ring when the lease expires; one that lost
 * its lease (a long pause, the KV unreachable) registers again.
 * <p>
 * Renewals go out at a fixed rate, each on its own, and never wait for one another. A
 * lease's clock starts when the KV applies a keepalive, somewhere between sending it and
 * reading the answer, so waiting for the answer before timing the next one lets a slow KV
 * (a cold start, an election) let the lease lapse between two renewals that each
 * succeeded. And a KV node that is paused, not dead, holds a renewal until the client's
 * timeout, longer than the ttl: the renewals after it must not queue behind it. Give the
 * registration a client of its own, since the client tries the nodes in turn: with one
 * node paused, two renewals of every three then reach a live node at once, and the lease
 * never goes two thirds of its ttl without one.
 */
final class Registration implements AutoCloseable {

	private static final Log log = LogFactory.getLog(Registration.class);

	/**
	 * Calls to the KV in flight at most: beyond that, every node the calls went to is
	 * stuck, and more calls would only pile up behind them.
	 */
	private static final int MAX_CALLS_IN_FLIGHT = 8;

	private final KvHttpClient kv;

	private final String key;

	private final String url;

	private final Duration ttl;

	private final ScheduledExecutorService timer = Executors
		.newSingleThreadScheduledExecutor(named("ring-registration"));

	private final ExecutorService calls = Executors.newCachedThreadPool(named("ring-registration-call"));

	private final Semaphore callSlots = new Semaphore(MAX_CALLS_IN_FLIGHT);

	private final AtomicBoolean registering = new AtomicBoolean();

	private final AtomicLong leaseId = new AtomicLong();

	Registration(KvHttpClient kv, String key, String url, Duration ttl) {
		this.kv = kv;
		this.key = key;
		this.url = url;
		this.ttl = ttl;
	}

	Registration start() {
		this.timer.scheduleAtFixedRate(this::tick, 0, period(), TimeUnit.MILLISECONDS);
		return this;
	}

	private void tick() {
		long lease = this.leaseId.get();
		if (lease != 0) {
			call(() -> keepAlive(lease));
		}
		else if (this.registering.compareAndSet(false, true)) {
			if (!call(this::register)) {
				this.registering.set(false);
			}
		}
	}

	private boolean call(Runnable task) {
		if (!this.callSlots.tryAcquire()) {
			return false;
		}
		try {
			this.calls.execute(() -> {
				try {
					task.run();
				}
				finally {
					this.callSlots.release();
				}
			});
			return true;
		}
		catch (RejectedExecutionException ex) {
			// Closed: the node is leaving.
			this.callSlots.release();
			return false;
		}
	}

	private void keepAlive(long lease) {
		try {
			if (!this.kv.keepAlive(lease)) {
				// Gone (expired or revoked): the next tick registers again, unless a
				// newer
				// lease has taken its place meanwhile.
				this.leaseId.compareAndSet(lease, 0);
			}
		}
		catch (RuntimeException ex) {
			log.warn("Cannot renew the ring registration: " + ex.getMessage());
		}
	}

	/**
	 * Takes a lease and puts the key under it. The ticks keep the lease alive from the
	 * moment it is granted, so a put that has to wait for a paused node does not outlive
	 * it; a grant answered later than a renewal period after it was sent is renewed at
	 * once.
	 */
	private void register() {
		long lease = 0;
		try {
			long sent = System.nanoTime();
			lease = this.kv.grantLease(this.ttl);
			this.leaseId.set(lease);
			if (System.nanoTime() - sent >= TimeUnit.MILLISECONDS.toNanos(period())) {
				long granted = lease;
				call(() -> keepAlive(granted));
			}
			this.kv.put(this.key, this.url, lease);
			log.info("Registered " + this.key + " under lease " + lease);
		}
		catch (RuntimeException ex) {
			log.warn("Cannot register in the ring registry: " + ex.getMessage());
			if (lease != 0) {
				// The key may not be there: take a new lease and put it again.
				this.leaseId.compareAndSet(lease, 0);
			}
		}
		finally {
			this.registering.set(false);
		}
	}

	private long period() {
		return Math.max(100, this.ttl.toMillis() / 3);
	}

	@Override
	public void close() {
		this.timer.shutdownNow();
		this.calls.shutdownNow();
		long lease = this.leaseId.get();
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

	private static ThreadFactory named(String name) {
		return (runnable) -> {
			Thread thread = new Thread(runnable, name);
			thread.setDaemon(true);
			return thread;
		};
	}

}
