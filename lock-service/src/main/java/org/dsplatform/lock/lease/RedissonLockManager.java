package org.dsplatform.lock.lease;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.dsplatform.lock.fencing.EpochSource;
import org.dsplatform.lock.fencing.EpochUnavailableException;
import org.dsplatform.lock.fencing.FencingToken;
import org.dsplatform.lock.lease.LuaScripts.Script;
import org.redisson.RedissonShutdownException;
import org.redisson.api.RTopic;
import org.redisson.api.RedissonClient;
import org.redisson.api.listener.BaseStatusListener;
import org.redisson.client.RedisConnectionException;
import org.redisson.client.RedisNodeNotFoundException;
import org.redisson.client.RedisOutOfMemoryException;
import org.redisson.client.RedisReadonlyException;
import org.redisson.client.RedisReconnectedException;
import org.redisson.client.RedisRetryException;
import org.redisson.client.RedisTimeoutException;
import org.redisson.client.codec.StringCodec;

/**
 * {@link LockManager} on Redis, through Redisson, with leases owned by lease ids.
 * <p>
 * <b>Why not Redisson's {@code RLock}.</b> {@code RLock}, {@code RReadWriteLock} and
 * {@code RFencedLock} tie ownership to the Redisson client instance (a random UUID per
 * client) and a thread id. A lease taken through one lock-service node could then be
 * renewed or released only by that node's client and thread, while HTTP requests map to
 * neither, and the service is stateless with two nodes behind the gateway.
 * {@code RPermitExpirableSemaphore} is permit-id based but has no fencing token, no
 * holder names and no events. So here a grant is a lease owned by a server-generated
 * lease id, stored in Redis with the lock, and every transition is one atomic Lua script
 * run through Redisson ({@code EVALSHA}):
 * <ul>
 * <li><b>acquire</b> reaps expired leases, grants if the lock has room (one holder for a
 * mutex, many readers or one writer, up to the permits of a semaphore) and no earlier
 * fair waiter is owed the lock, increments the name's fencing counter and records a
 * GRANTED event, all in the same script; otherwise it registers the caller as a waiter
 * (queued by arrival when fair) and returns how long the first blocking lease has
 * left;</li>
 * <li><b>renew</b> and <b>release</b> act only when the given lease id holds a live
 * lease, so anyone else gets "not held" and the lock is untouched; release publishes on
 * the release channel;</li>
 * <li>leases are zset members scored with their expiry by Redis's clock ({@code TIME} in
 * the scripts), so one clock rules every node; {@code PEXPIRE} bounds the life of the
 * lock's keys to its last lease plus a grace period. Expired leases are reaped by the
 * next script that touches the lock and by a periodic sweep, each reaping recording an
 * EXPIRED event and waking waiters.</li>
 * </ul>
 * <b>Waiting without polling or threads.</b> Each node subscribes once to the Redis
 * channel on which scripts announce releases, expiries they reaped and waiters that gave
 * up; a waiting request is a small state machine woken by those messages, and also at the
 * moment the blocking lease would expire (from the TTL the script returned, since a lease
 * running out publishes nothing) and at a slow heartbeat that keeps its waiter
 * registration alive (so a dead node's waiters drop out of the fair queue). No thread is
 * held while waiting. Every attempt reuses the request's lease id, and the acquire script
 * answers a repeated attempt with the lease it already granted, so a retried command
 * cannot grant twice.
 * <p>
 * <b>Fencing epoch.</b> A token is {@code epoch * 2^32 + counter} (see
 * {@link FencingToken}). The epoch marker in Redis records the {@code run_id} of the
 * Redis process it was installed for. When the acquire script finds no marker, or one of
 * an earlier Redis run (Redis restarted: without persistence the counters are gone, with
 * AOF {@code everysec} their last increments may be), it refuses with a distinct answer;
 * the manager takes a new epoch from the {@link EpochSource}, strictly greater than any
 * before, installs it unless another node installed one first, and retries. Tokens thus
 * keep growing whatever Redis lost.
 * <p>
 * Redis commands are not resent by this class or (with the service's configuration) by
 * Redisson: a failure answers {@link RedisUnavailableException}. All keys live on one
 * Redis (standalone or Sentinel); the scripts derive key names from the lock name, which
 * Redis Cluster does not allow.
 */
public final class RedissonLockManager implements LockManager, AutoCloseable {

	/** The channel on which scripts announce that a lock may have room. */
	static final String CHANNEL = "dsl:released";

	private static final Log log = LogFactory.getLog(RedissonLockManager.class);

	private static final int MAX_EPOCH_ATTEMPTS = 3;

	private static final int SWEEP_BATCH = 100;

	private final RedissonClient redisson;

	private final LuaScripts scripts;

	private final EpochGuard epochs;

	private final LeaseSettings settings;

	private final Clock clock;

	private final LockMetrics metrics;

	private final ScheduledExecutorService scheduler;

	private final ConcurrentMap<String, Set<Acquisition>> waiting = new ConcurrentHashMap<>();

	private final List<Integer> listenerIds = new ArrayList<>();

	private volatile RTopic topic;

	private volatile boolean closed;

	public RedissonLockManager(RedissonClient redisson, EpochSource epochSource, LeaseSettings settings, Clock clock,
			MeterRegistry registry) {
		this.redisson = redisson;
		this.settings = settings;
		this.clock = clock;
		this.metrics = new LockMetrics(registry);
		this.scripts = new LuaScripts(redisson, settings);
		this.epochs = new EpochGuard(epochSource, this.scripts, this.metrics);
		this.scheduler = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "lock-waiters-" + settings.nodeId());
			thread.setDaemon(true);
			return thread;
		});
	}

	/**
	 * Subscribes to release announcements and starts the expiry sweep.
	 */
	public void start() {
		this.topic = this.redisson.getTopic(CHANNEL, StringCodec.INSTANCE);
		subscribe();
		scheduleSweep();
	}

	private void subscribe() {
		if (this.closed) {
			return;
		}
		this.topic.addListenerAsync(String.class, (channel, message) -> onReleased(message)).thenCompose((id) -> {
			synchronized (this.listenerIds) {
				this.listenerIds.add(id);
			}
			// Announcements sent while the subscription was down are lost: everyone
			// looks again whenever it is (re)established.
			return this.topic.addListenerAsync(new BaseStatusListener() {
				@Override
				public void onSubscribe(String channel) {
					wakeAll();
				}
			});
		}).whenComplete((id, failure) -> {
			if (failure != null) {
				log.warn("Could not subscribe to lock releases; retrying in 1 s: " + failure.getMessage());
				schedule(this::subscribe, 1000);
			}
			else {
				synchronized (this.listenerIds) {
					this.listenerIds.add(id);
				}
			}
		});
	}

	/**
	 * Stops waiting: every pending acquire fails with {@link NodeShuttingDownException}
	 * (the service answers 503), the subscription and the sweep end. Leases are not
	 * touched; they live in Redis. Idempotent.
	 */
	@Override
	public void close() {
		if (this.closed) {
			return;
		}
		this.closed = true;
		NodeShuttingDownException shuttingDown = new NodeShuttingDownException(this.settings.nodeId());
		this.waiting.values().forEach((set) -> set.forEach((acquisition) -> acquisition.fail(shuttingDown)));
		RTopic subscribed = this.topic;
		if (subscribed != null) {
			synchronized (this.listenerIds) {
				try {
					subscribed.removeListener(this.listenerIds.toArray(Integer[]::new));
				}
				catch (RuntimeException ex) {
					log.debug("Could not unsubscribe from lock releases", ex);
				}
				this.listenerIds.clear();
			}
		}
		this.scheduler.shutdownNow();
	}

	@Override
	public CompletableFuture<Lease> acquire(AcquireRequest request) {
		if (this.closed) {
			return CompletableFuture.failedFuture(new NodeShuttingDownException(this.settings.nodeId()));
		}
		Acquisition acquisition = new Acquisition(request);
		if (acquisition.waits()) {
			// Registered before the first attempt, so a release announced while that
			// attempt runs is not missed.
			this.waiting.computeIfAbsent(request.lock().member(), (key) -> ConcurrentHashMap.newKeySet())
				.add(acquisition);
		}
		acquisition.result.whenComplete((lease, failure) -> finished(acquisition, failure));
		acquisition.trigger();
		return acquisition.result;
	}

	@Override
	public CompletableFuture<Lease> renew(LockId lock, String leaseId, Duration lease) {
		return map(this.scripts.run(Script.RENEW, lock.primitive().code(), lock.name(), leaseId, lease.toMillis()),
				(reply) -> {
					this.metrics.expired(lock.primitive(), LuaScripts.number(reply.get(reply.size() - 1)));
					if (!"OK".equals(reply.get(0))) {
						this.metrics.conflict(lock.primitive(), "not-held");
						throw new LeaseNotHeldException(lock);
					}
					return new Lease(lock, LuaScripts.text(reply.get(1)),
							LeaseMode.ofCode(LuaScripts.text(reply.get(2))), leaseId, token(reply.get(3), reply.get(4)),
							instant(reply.get(5)));
				});
	}

	@Override
	public CompletableFuture<Void> release(LockId lock, String leaseId) {
		return map(this.scripts.run(Script.RELEASE, lock.primitive().code(), lock.name(), leaseId), (reply) -> {
			this.metrics.expired(lock.primitive(), LuaScripts.number(reply.get(reply.size() - 1)));
			if (!"OK".equals(reply.get(0))) {
				this.metrics.conflict(lock.primitive(), "not-held");
				throw new LeaseNotHeldException(lock);
			}
			this.metrics.released(lock.primitive());
			return null;
		});
	}

	@Override
	public CompletableFuture<LockState> state(LockId lock) {
		return map(
				this.scripts.run(Script.STATE, lock.primitive().code(), lock.name(), this.settings.maxListedHolders()),
				(reply) -> {
					List<Holder> holders = LuaScripts.list(reply.get(3))
						.stream()
						.map((entry) -> holder(LuaScripts.list(entry), 0))
						.toList();
					return new LockState(lock, (int) LuaScripts.number(reply.get(0)), holders,
							(int) LuaScripts.number(reply.get(1)), (int) LuaScripts.number(reply.get(2)));
				});
	}

	@Override
	public CompletableFuture<HeldLocks> list(Primitive primitive, String prefix, int limit) {
		return map(this.scripts.run(Script.LIST, primitive.code(), prefix, limit), (reply) -> {
			List<HeldLocks.HeldLock> locks = LuaScripts.list(reply.get(1)).stream().map((entry) -> {
				List<Object> fields = LuaScripts.list(entry);
				return new HeldLocks.HeldLock(LuaScripts.text(fields.get(0)), holder(fields, 1));
			}).toList();
			return new HeldLocks(locks, LuaScripts.number(reply.get(0)) == 1);
		});
	}

	@Override
	public CompletableFuture<Boolean> defineSemaphore(String name, int permits) {
		return map(this.scripts.run(Script.DEFINE, name, permits), (reply) -> {
			long outcome = LuaScripts.number(reply.get(0));
			if (outcome < 0) {
				throw new SemaphoreExistsException(name, (int) LuaScripts.number(reply.get(1)));
			}
			return outcome == 1;
		});
	}

	private void onReleased(String member) {
		Set<Acquisition> waiters = this.waiting.get(member);
		if (waiters != null) {
			waiters.forEach(Acquisition::trigger);
		}
	}

	private void wakeAll() {
		this.waiting.values().forEach((set) -> set.forEach(Acquisition::trigger));
	}

	private void finished(Acquisition acquisition, Throwable failure) {
		LockId lock = acquisition.request.lock();
		this.waiting.computeIfPresent(lock.member(), (key, set) -> {
			set.remove(acquisition);
			return set.isEmpty() ? null : set;
		});
		acquisition.cancelTimer();
		Duration waited = Duration.ofMillis(Math.max(0, this.clock.millis() - acquisition.startMillis));
		String outcome = (failure == null) ? "granted" : (failure instanceof CancellationException) ? "cancelled"
				: (failure instanceof LockConflictException) ? "timeout" : "failed";
		this.metrics.waited(lock.primitive(), outcome, waited);
		if (failure != null && acquisition.registered) {
			dequeue(lock, acquisition.leaseId);
		}
	}

	private CompletableFuture<Void> dequeue(LockId lock, String waiterId) {
		return this.scripts.run(Script.DEQUEUE, lock.primitive().code(), lock.name(), waiterId)
			.<Void>thenApply((reply) -> null)
			.exceptionally((ex) -> {
				log.debug("Could not remove a waiter of " + lock + "; it drops out when its registration ends", ex);
				return null;
			});
	}

	private void scheduleSweep() {
		long interval = this.settings.sweepInterval().toMillis();
		// Jitter keeps the nodes from sweeping in lockstep.
		long delay = interval * 4 / 5 + ThreadLocalRandom.current().nextLong(interval * 2 / 5 + 1);
		schedule(this::sweep, delay);
	}

	private void sweep() {
		if (this.closed) {
			return;
		}
		this.scripts.run(Script.SWEEP, SWEEP_BATCH).whenComplete((reply, failure) -> {
			if (failure != null) {
				log.debug("Expiry sweep failed; the next one retries", failure);
			}
			else {
				this.metrics.expired(Primitive.MUTEX, LuaScripts.number(reply.get(0)));
				this.metrics.expired(Primitive.READ_WRITE, LuaScripts.number(reply.get(1)));
				this.metrics.expired(Primitive.SEMAPHORE, LuaScripts.number(reply.get(2)));
			}
			scheduleSweep();
		});
	}

	private ScheduledFuture<?> schedule(Runnable task, long delayMillis) {
		if (this.closed) {
			return null;
		}
		try {
			return this.scheduler.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
		}
		catch (RejectedExecutionException ex) {
			return null;
		}
	}

	private static Holder holder(List<Object> fields, int from) {
		return new Holder(LuaScripts.text(fields.get(from)), LeaseMode.ofCode(LuaScripts.text(fields.get(from + 1))),
				token(fields.get(from + 2), fields.get(from + 3)), instant(fields.get(from + 4)));
	}

	private static long token(Object epoch, Object counter) {
		return FencingToken.of(Long.parseLong(LuaScripts.text(epoch)), LuaScripts.number(counter));
	}

	private static Instant instant(Object millis) {
		return Instant.ofEpochMilli(LuaScripts.number(millis));
	}

	private static <T> CompletableFuture<T> map(CompletableFuture<List<Object>> reply,
			Function<List<Object>, T> mapper) {
		CompletableFuture<T> result = new CompletableFuture<>();
		reply.whenComplete((value, failure) -> {
			if (failure != null) {
				result.completeExceptionally(translate(failure));
				return;
			}
			try {
				result.complete(mapper.apply(value));
			}
			catch (RuntimeException ex) {
				result.completeExceptionally(ex);
			}
		});
		return result;
	}

	/**
	 * Redis being away (down, unreachable, loading, failing over, out of memory, or this
	 * client shutting down) becomes {@link RedisUnavailableException}; anything else,
	 * such as an error raised by a script, stays what it is.
	 */
	static RuntimeException translate(Throwable failure) {
		Throwable cause = Failures.unwrap(failure);
		// Bounded: Netty's exceptions may refer to each other in a cycle.
		Throwable link = cause;
		for (int depth = 0; link != null && depth < 16; depth++, link = link.getCause()) {
			if (isUnavailability(link)) {
				return new RedisUnavailableException("Redis is unavailable: " + cause.getMessage(), cause);
			}
		}
		if (cause instanceof RuntimeException runtime) {
			return runtime;
		}
		return new IllegalStateException(cause);
	}

	private static boolean isUnavailability(Throwable failure) {
		// Redisson reports a refused connection as a plain RedisException caused by an
		// IOException.
		return failure instanceof RedisConnectionException || failure instanceof RedisTimeoutException
				|| failure instanceof RedisRetryException || failure instanceof RedisNodeNotFoundException
				|| failure instanceof RedisReconnectedException || failure instanceof RedisReadonlyException
				|| failure instanceof RedisOutOfMemoryException || failure instanceof RedissonShutdownException
				|| failure instanceof IOException;
	}

	/**
	 * One acquire request: attempts the acquire script whenever the lock may have room,
	 * and only one attempt at a time.
	 */
	private final class Acquisition {

		final AcquireRequest request;

		final String leaseId = LeaseIds.next();

		final long startMillis;

		final long deadline;

		final CompletableFuture<Lease> result = new CompletableFuture<>();

		private final AtomicBoolean running = new AtomicBoolean();

		private volatile boolean signalled;

		private volatile ScheduledFuture<?> timer;

		/** Whether Redis may list this request as a waiter. */
		volatile boolean registered;

		/** Only read and written by the running attempt. */
		private int epochAttempts;

		Acquisition(AcquireRequest request) {
			this.request = request;
			this.startMillis = RedissonLockManager.this.clock.millis();
			this.deadline = this.startMillis + request.maxWait().toMillis();
		}

		boolean waits() {
			return this.request.maxWait().toMillis() > 0;
		}

		/**
		 * Starts an attempt now, or right after the one under way.
		 */
		void trigger() {
			this.signalled = true;
			if (this.result.isDone()) {
				return;
			}
			if (this.running.compareAndSet(false, true)) {
				this.signalled = false;
				cancelTimer();
				attempt();
			}
		}

		private void attempt() {
			if (this.result.isDone()) {
				this.running.set(false);
				return;
			}
			long heartbeat = RedissonLockManager.this.settings.waiterHeartbeat().toMillis();
			long remaining = this.deadline - RedissonLockManager.this.clock.millis();
			long registration = (remaining > 0) ? Math.min(remaining + heartbeat, 3 * heartbeat) : 0;
			if (registration > 0) {
				this.registered = true;
			}
			LockId lock = this.request.lock();
			RedissonLockManager.this.scripts
				.run(Script.ACQUIRE, lock.primitive().code(), lock.name(), this.leaseId, this.request.owner(),
						this.request.mode().code(), this.request.lease().toMillis(), this.request.queues() ? 1 : 0,
						registration)
				.whenComplete(this::onReply);
		}

		private void onReply(List<Object> reply, Throwable failure) {
			if (failure != null) {
				fail(translate(failure));
				return;
			}
			try {
				switch (LuaScripts.text(reply.get(0))) {
					case "OK" -> granted(reply);
					case "WAIT" -> notYet(reply);
					case "EPOCH" -> {
						expired(reply.get(1));
						newEpoch();
					}
					case "NOSEM" -> {
						expired(reply.get(1));
						fail(new SemaphoreNotFoundException(this.request.lock().name()));
					}
					default -> fail(new IllegalStateException("Unexpected answer of the acquire script: " + reply));
				}
			}
			catch (RuntimeException ex) {
				fail(ex);
			}
		}

		private void granted(List<Object> reply) {
			expired(reply.get(4));
			Lease lease = new Lease(this.request.lock(), this.request.owner(), this.request.mode(), this.leaseId,
					token(reply.get(1), reply.get(2)), instant(reply.get(3)));
			if (this.result.complete(lease)) {
				RedissonLockManager.this.metrics.granted(this.request.lock().primitive());
			}
			else {
				// Cancelled while the grant was under way: nobody will ever see this
				// lease id.
				release(this.request.lock(), this.leaseId).exceptionally((ex) -> null);
			}
			this.running.set(false);
		}

		private void notYet(List<Object> reply) {
			expired(reply.get(5));
			long ttl = LuaScripts.number(reply.get(1));
			long now = RedissonLockManager.this.clock.millis();
			if (now >= this.deadline) {
				String owner = LuaScripts.text(reply.get(2));
				long expires = LuaScripts.number(reply.get(3));
				RedissonLockManager.this.metrics.conflict(this.request.lock().primitive(), "timeout");
				LockConflictException conflict = new LockConflictException(this.request.lock(),
						owner.isEmpty() ? null : owner, (expires >= 0) ? Instant.ofEpochMilli(expires) : null,
						Duration.ofMillis(now - this.startMillis));
				if (this.registered) {
					// Leave the queue before answering, so whoever reads the lock after
					// the
					// answer no longer counts this waiter.
					this.registered = false;
					dequeue(this.request.lock(), this.leaseId).whenComplete((ignored, failure) -> fail(conflict));
				}
				else {
					fail(conflict);
				}
				return;
			}
			this.running.set(false);
			if (this.signalled) {
				trigger();
				return;
			}
			// Look again when the blocking lease would end (its expiry publishes
			// nothing), at
			// the heartbeat, or at the deadline, whichever comes first; a release wakes
			// us
			// sooner.
			long delay = Math.min(this.deadline - now, RedissonLockManager.this.settings.waiterHeartbeat().toMillis());
			if (ttl >= 0) {
				delay = Math.min(delay, Math.max(1, ttl));
			}
			ScheduledFuture<?> previous = this.timer;
			this.timer = schedule(this::trigger, delay);
			if (previous != null) {
				previous.cancel(false);
			}
			if (this.timer == null) {
				fail(new NodeShuttingDownException(RedissonLockManager.this.settings.nodeId()));
			}
		}

		private void newEpoch() {
			if (++this.epochAttempts > MAX_EPOCH_ATTEMPTS) {
				fail(new EpochUnavailableException("Redis kept refusing the fencing epoch"));
				return;
			}
			RedissonLockManager.this.epochs.refresh().whenComplete((ignored, failure) -> {
				if (failure != null) {
					fail(Failures.unwrap(failure));
				}
				else {
					attempt();
				}
			});
		}

		private void expired(Object count) {
			RedissonLockManager.this.metrics.expired(this.request.lock().primitive(), LuaScripts.number(count));
		}

		void fail(Throwable failure) {
			this.result.completeExceptionally(failure);
			this.running.set(false);
		}

		void cancelTimer() {
			ScheduledFuture<?> scheduled = this.timer;
			if (scheduled != null) {
				scheduled.cancel(false);
			}
		}

	}

}
