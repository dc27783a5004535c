package org.dsplatform.lock.lease;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import org.dsplatform.common.testing.TestRedis;
import org.dsplatform.lock.fencing.CountingEpochSource;
import org.junit.jupiter.api.Test;
import org.redisson.api.RTopic;
import org.redisson.api.stream.StreamMessageId;
import org.redisson.client.codec.StringCodec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Mutexes on a real Redis, through two nodes that share nothing but Redis.
 */
class MutexIntegrationTests extends TwoNodesOnRedis {

	static AcquireRequest mutex(String name, String owner, long leaseMs, long waitMs) {
		return new AcquireRequest(LockId.mutex(name), owner, LeaseMode.EXCLUSIVE, Duration.ofMillis(leaseMs),
				Duration.ofMillis(waitMs), false);
	}

	static AcquireRequest fairMutex(String name, String owner, long leaseMs, long waitMs) {
		return new AcquireRequest(LockId.mutex(name), owner, LeaseMode.EXCLUSIVE, Duration.ofMillis(leaseMs),
				Duration.ofMillis(waitMs), true);
	}

	@Test
	void loseNoUpdateWhenEightClientsIncrementASharedCounterTwentyFiveTimesEach() throws Exception {
		AtomicInteger inside = new AtomicInteger();
		AtomicInteger mostInside = new AtomicInteger();
		long[] counter = { 0 };
		AtomicLong lastToken = new AtomicLong();
		AtomicInteger tokensOutOfOrder = new AtomicInteger();
		ExecutorService clients = Executors.newFixedThreadPool(8);
		try {
			List<Future<?>> done = new ArrayList<>();
			for (int client = 0; client < 8; client++) {
				LockNode node = (client % 2 == 0) ? one : two;
				String owner = "client-" + client;
				done.add(clients.submit(() -> {
					for (int round = 0; round < 25; round++) {
						Lease lease = node.locks.acquire(mutex("counter", owner, 5_000, 10_000)).join();
						int holders = inside.incrementAndGet();
						mostInside.accumulateAndGet(holders, Math::max);
						if (lease.fencingToken() <= lastToken.getAndSet(lease.fencingToken())) {
							tokensOutOfOrder.incrementAndGet();
						}
						long read = counter[0];
						Thread.yield();
						counter[0] = read + 1;
						inside.decrementAndGet();
						node.locks.release(lease.lock(), lease.leaseId()).join();
					}
					return null;
				}));
			}
			for (Future<?> future : done) {
				future.get(60, TimeUnit.SECONDS);
			}
		}
		finally {
			clients.shutdownNow();
		}
		assertThat(counter[0]).isEqualTo(200);
		assertThat(mostInside.get()).isEqualTo(1);
		assertThat(tokensOutOfOrder.get()).isZero();
	}

	@Test
	void renewsAndReleasesThroughAnotherNodeALeaseTakenThroughTheFirst() {
		Lease lease = one.locks.acquire(mutex("cross-node", "alice", 1_000, 0)).join();

		Lease renewed = two.locks.renew(lease.lock(), lease.leaseId(), Duration.ofSeconds(30)).join();
		assertThat(renewed.fencingToken()).isEqualTo(lease.fencingToken());
		assertThat(renewed.owner()).isEqualTo("alice");
		assertThat(renewed.expiresAt()).isAfter(lease.expiresAt().plusSeconds(20));

		two.locks.release(lease.lock(), lease.leaseId()).join();
		assertThat(one.locks.state(lease.lock()).join().holders()).isEmpty();
	}

	@Test
	void refusesRenewAndReleaseWithAnyOtherLeaseIdAndLeavesTheLockAlone() {
		Lease lease = one.locks.acquire(mutex("not-yours", "alice", 30_000, 0)).join();
		String stranger = LeaseIds.next();

		assertThatThrownBy(() -> two.locks.renew(lease.lock(), stranger, Duration.ofSeconds(1)).join())
			.hasCauseInstanceOf(LeaseNotHeldException.class);
		assertThatThrownBy(() -> two.locks.release(lease.lock(), stranger).join())
			.hasCauseInstanceOf(LeaseNotHeldException.class);

		LockState state = one.locks.state(lease.lock()).join();
		assertThat(state.holders()).singleElement().satisfies((holder) -> {
			assertThat(holder.owner()).isEqualTo("alice");
			assertThat(holder.fencingToken()).isEqualTo(lease.fencingToken());
			assertThat(holder.expiresAt()).isEqualTo(lease.expiresAt());
		});
		one.locks.release(lease.lock(), lease.leaseId()).join();
		assertThatThrownBy(() -> one.locks.release(lease.lock(), lease.leaseId()).join())
			.hasCauseInstanceOf(LeaseNotHeldException.class);
	}

	@Test
	void handsTheLockToTheNextWaiterWhenTheLeaseIsNotRenewed() {
		Lease first = one.locks.acquire(mutex("expiring", "alice", 300, 0)).join();
		long begin = System.nanoTime();

		Lease second = two.locks.acquire(mutex("expiring", "bob", 5_000, 4_000)).join();

		Duration waited = Duration.ofNanos(System.nanoTime() - begin);
		assertThat(waited).isBetween(Duration.ofMillis(200), Duration.ofMillis(2_000));
		assertThat(second.fencingToken()).isGreaterThan(first.fencingToken());
		assertThatThrownBy(() -> one.locks.renew(first.lock(), first.leaseId(), Duration.ofSeconds(1)).join())
			.hasCauseInstanceOf(LeaseNotHeldException.class);
		two.locks.release(second.lock(), second.leaseId()).join();
	}

	@Test
	void wakesAWaiterOnAnotherNodeAsSoonAsTheHolderReleases() throws Exception {
		Lease held = one.locks.acquire(mutex("wake-up", "alice", 60_000, 0)).join();
		CompletableFuture<Lease> waiter = two.locks.acquire(mutex("wake-up", "bob", 5_000, 20_000));
		await().atMost(Duration.ofSeconds(5)).until(() -> one.locks.state(held.lock()).join().waiters() == 1);
		Thread.sleep(100);
		assertThat(waiter).isNotDone();

		long released = System.nanoTime();
		one.locks.release(held.lock(), held.leaseId()).join();
		Lease granted = waiter.get(5, TimeUnit.SECONDS);

		assertThat(Duration.ofNanos(System.nanoTime() - released)).isLessThan(Duration.ofMillis(1_000));
		assertThat(granted.owner()).isEqualTo("bob");
		two.locks.release(granted.lock(), granted.leaseId()).join();
	}

	@Test
	void announcesAReleaseOnlyWhenSomeoneWaitsForTheLock() throws Exception {
		List<String> announced = new CopyOnWriteArrayList<>();
		RTopic releases = one.redisson.getTopic(RedissonLockManager.CHANNEL, StringCodec.INSTANCE);
		int listener = releases.addListener(String.class, (channel, message) -> announced.add(message));
		try {
			Lease alone = one.locks.acquire(mutex("quiet", "alice", 60_000, 0)).join();
			one.locks.release(alone.lock(), alone.leaseId()).join();
			Lease held = one.locks.acquire(mutex("awaited", "alice", 60_000, 0)).join();
			CompletableFuture<Lease> waiter = two.locks.acquire(mutex("awaited", "bob", 5_000, 20_000));
			await().atMost(Duration.ofSeconds(5)).until(() -> one.locks.state(held.lock()).join().waiters() == 1);
			one.locks.release(held.lock(), held.leaseId()).join();
			Lease granted = waiter.get(5, TimeUnit.SECONDS);
			two.locks.release(granted.lock(), granted.leaseId()).join();

			await().atMost(Duration.ofSeconds(5)).until(() -> announced.contains("mutex\nawaited"));
			assertThat(announced).containsExactly("mutex\nawaited");
		}
		finally {
			releases.removeListener(listener);
		}
	}

	@Test
	void grantsFairWaitersInTheOrderTheyArrived() throws Exception {
		Lease held = one.locks.acquire(fairMutex("fair", "holder", 60_000, 0)).join();
		List<String> order = Collections.synchronizedList(new ArrayList<>());
		List<CompletableFuture<Void>> waiters = new ArrayList<>();
		for (int i = 1; i <= 5; i++) {
			LockNode node = (i % 2 == 0) ? one : two;
			String owner = "waiter-" + i;
			waiters.add(node.locks.acquire(fairMutex("fair", owner, 60_000, 20_000)).thenCompose((lease) -> {
				order.add(lease.owner());
				return node.locks.release(lease.lock(), lease.leaseId());
			}));
			int expected = i;
			await().atMost(Duration.ofSeconds(5))
				.until(() -> one.locks.state(held.lock()).join().waiters() == expected);
		}

		one.locks.release(held.lock(), held.leaseId()).join();
		CompletableFuture.allOf(waiters.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);

		assertThat(order).containsExactly("waiter-1", "waiter-2", "waiter-3", "waiter-4", "waiter-5");
	}

	@Test
	void answersAConflictNamingTheHolderWhenTheWaitRunsOut() {
		Lease held = one.locks.acquire(mutex("busy", "alice", 30_000, 0)).join();
		long begin = System.nanoTime();

		assertThatThrownBy(() -> two.locks.acquire(mutex("busy", "bob", 1_000, 300)).join()).cause()
			.isInstanceOfSatisfying(LockConflictException.class, (conflict) -> {
				assertThat(conflict.holderOwner()).isEqualTo("alice");
				assertThat(conflict.holderExpiresAt()).isEqualTo(held.expiresAt());
			});

		Duration waited = Duration.ofNanos(System.nanoTime() - begin);
		assertThat(waited).isBetween(Duration.ofMillis(280), Duration.ofMillis(1_500));
		assertThat(one.locks.state(held.lock()).join().waiters()).isZero();
		assertThatThrownBy(() -> two.locks.acquire(mutex("busy", "bob", 1_000, 0)).join())
			.hasCauseInstanceOf(LockConflictException.class);
		one.locks.release(held.lock(), held.leaseId()).join();
	}

	@Test
	void forgetsAWaiterWhoseRequestWasCancelled() {
		Lease held = one.locks.acquire(fairMutex("abandoned", "alice", 30_000, 0)).join();
		CompletableFuture<Lease> waiter = two.locks.acquire(fairMutex("abandoned", "bob", 1_000, 20_000));
		await().atMost(Duration.ofSeconds(5)).until(() -> one.locks.state(held.lock()).join().waiters() == 1);

		waiter.cancel(false);

		await().atMost(Duration.ofSeconds(5)).until(() -> one.locks.state(held.lock()).join().waiters() == 0);
		one.locks.release(held.lock(), held.leaseId()).join();
		Lease next = two.locks.acquire(fairMutex("abandoned", "carol", 1_000, 0)).join();
		assertThat(next.owner()).isEqualTo("carol");
	}

	@Test
	void listsHeldMutexesByPrefixInNameOrder() {
		List<Lease> leases = new ArrayList<>();
		for (String name : List.of("list:b", "list:a", "list:c", "other:a")) {
			leases.add(one.locks.acquire(mutex(name, "owner-" + name, 30_000, 0)).join());
		}

		HeldLocks all = two.locks.list(Primitive.MUTEX, "list:", 10).join();
		HeldLocks page = two.locks.list(Primitive.MUTEX, "list:", 2).join();

		assertThat(all.locks()).extracting(HeldLocks.HeldLock::name).containsExactly("list:a", "list:b", "list:c");
		assertThat(all.locks().get(0).holder().owner()).isEqualTo("owner-list:a");
		assertThat(all.truncated()).isFalse();
		assertThat(page.locks()).extracting(HeldLocks.HeldLock::name).containsExactly("list:a", "list:b");
		assertThat(page.truncated()).isTrue();
		leases.forEach((lease) -> one.locks.release(lease.lock(), lease.leaseId()).join());
		assertThat(two.locks.list(Primitive.MUTEX, "list:", 10).join().locks()).isEmpty();
	}

	@Test
	void reportsALeaseThatRanOutEvenWhenNobodyTouchesTheLockAgain() {
		Lease lease = one.locks.acquire(mutex("swept", "alice", 150, 0)).join();

		await().atMost(Duration.ofSeconds(5))
			.until(() -> one.count("locks.expiries", "mutex") + two.count("locks.expiries", "mutex") >= 1);

		Map<StreamMessageId, Map<String, String>> outbox = one.redisson
			.<String, String>getStream(LockNode.OUTBOX, StringCodec.INSTANCE)
			.range(StreamMessageId.MIN, StreamMessageId.MAX);
		assertThat(outbox.values()).anySatisfy((event) -> {
			assertThat(event).containsEntry("type", "EXPIRED").containsEntry("name", "swept");
			assertThat(Instant.ofEpochMilli(Long.parseLong(event.get("at")))).isAfterOrEqualTo(lease.expiresAt());
		});
		assertThat(one.redisson.getScoredSortedSet("dsl:expiries", StringCodec.INSTANCE).contains("mutex\nswept"))
			.isFalse();
	}

	@Test
	void endsPendingWaitsAtOnceWhenTheNodeStops() {
		Lease held = one.locks.acquire(mutex("stopping", "alice", 30_000, 0)).join();
		LockNode stopping = LockNode.start(redis, "lock-stopping", epochs);
		CompletableFuture<Lease> waiter = stopping.locks.acquire(mutex("stopping", "bob", 1_000, 20_000));
		await().atMost(Duration.ofSeconds(5)).until(() -> one.locks.state(held.lock()).join().waiters() == 1);

		stopping.close();

		assertThatThrownBy(() -> waiter.get(1, TimeUnit.SECONDS)).hasCauseInstanceOf(NodeShuttingDownException.class);
		one.locks.release(held.lock(), held.leaseId()).join();
	}

	@Test
	void failsFastWhenRedisIsDown() {
		try (TestRedis lonely = TestRedis.start(); LockNode node = LockNode.start(lonely, "lock-lonely", epochs)) {
			lonely.stop();
			long begin = System.nanoTime();

			assertThatThrownBy(() -> node.locks.acquire(mutex("down", "alice", 1_000, 10_000)).join())
				.isInstanceOf(CompletionException.class)
				.hasCauseInstanceOf(RedisUnavailableException.class);

			assertThat(Duration.ofNanos(System.nanoTime() - begin)).isLessThan(Duration.ofSeconds(3));
		}
	}

}
