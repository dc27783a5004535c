package org.dsplatform.lock.lease;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.dsplatform.lock.fencing.CountingEpochSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Counting semaphores with a lease per permit, on a real Redis, through two nodes.
 */
class SemaphoreIntegrationTests extends TwoNodesOnRedis {

	static AcquireRequest permit(String name, String owner, long leaseMs, long waitMs) {
		return new AcquireRequest(LockId.semaphore(name), owner, LeaseMode.PERMIT, Duration.ofMillis(leaseMs),
				Duration.ofMillis(waitMs), false);
	}

	@Test
	void neverGrantsMorePermitsThanItHas() throws Exception {
		assertThat(one.locks.defineSemaphore("pool", 3).join()).isTrue();
		AtomicInteger inside = new AtomicInteger();
		AtomicInteger mostInside = new AtomicInteger();
		ExecutorService clients = Executors.newFixedThreadPool(6);
		try {
			List<Future<?>> done = new ArrayList<>();
			for (int client = 0; client < 6; client++) {
				LockNode node = (client % 2 == 0) ? one : two;
				String owner = "client-" + client;
				done.add(clients.submit(() -> {
					for (int round = 0; round < 10; round++) {
						Lease lease = node.locks.acquire(permit("pool", owner, 5_000, 10_000)).join();
						mostInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
						Thread.sleep(2);
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
		assertThat(mostInside.get()).isBetween(2, 3);
		LockState state = one.locks.state(LockId.semaphore("pool")).join();
		assertThat(state.permits()).isEqualTo(3);
		assertThat(state.holderCount()).isZero();
	}

	@Test
	void givesAPermitWhoseLeaseRanOutToTheNextWaiter() {
		one.locks.defineSemaphore("expiring-permits", 2).join();
		Lease shortLived = one.locks.acquire(permit("expiring-permits", "short", 300, 0)).join();
		Lease longLived = one.locks.acquire(permit("expiring-permits", "long", 30_000, 0)).join();
		assertThatThrownBy(() -> two.locks.acquire(permit("expiring-permits", "third", 1_000, 0)).join()).cause()
			.isInstanceOfSatisfying(LockConflictException.class,
					(conflict) -> assertThat(conflict.holderOwner()).isEqualTo("short"));
		long begin = System.nanoTime();

		Lease third = two.locks.acquire(permit("expiring-permits", "third", 30_000, 5_000)).join();

		assertThat(Duration.ofNanos(System.nanoTime() - begin)).isBetween(Duration.ofMillis(150),
				Duration.ofMillis(2_000));
		assertThat(third.fencingToken()).isGreaterThan(longLived.fencingToken());
		LockState state = one.locks.state(third.lock()).join();
		assertThat(state.holders()).extracting(Holder::owner).containsExactlyInAnyOrder("long", "third");
		assertThatThrownBy(() -> one.locks.release(shortLived.lock(), shortLived.leaseId()).join())
			.hasCauseInstanceOf(LeaseNotHeldException.class);
		one.locks.release(longLived.lock(), longLived.leaseId()).join();
		two.locks.release(third.lock(), third.leaseId()).join();
	}

	@Test
	void keepsItsPermitsWhenDefinedAgainAndRefusesAnotherNumber() {
		assertThat(one.locks.defineSemaphore("fixed", 2).join()).isTrue();
		assertThat(two.locks.defineSemaphore("fixed", 2).join()).isFalse();

		assertThatThrownBy(() -> two.locks.defineSemaphore("fixed", 5).join()).cause()
			.isInstanceOfSatisfying(SemaphoreExistsException.class,
					(exists) -> assertThat(exists.permits()).isEqualTo(2));
		assertThat(one.locks.state(LockId.semaphore("fixed")).join().permits()).isEqualTo(2);
	}

	@Test
	void refusesPermitsOfASemaphoreNobodyDefined() {
		assertThatThrownBy(() -> one.locks.acquire(permit("undefined", "alice", 1_000, 1_000)).join())
			.hasCauseInstanceOf(SemaphoreNotFoundException.class);
		assertThat(one.locks.state(LockId.semaphore("undefined")).join().permits()).isEqualTo(-1);
	}

}
