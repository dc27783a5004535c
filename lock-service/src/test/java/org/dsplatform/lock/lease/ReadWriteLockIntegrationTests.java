package org.dsplatform.lock.lease;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.dsplatform.lock.fencing.CountingEpochSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Read-write locks on a real Redis, through two nodes.
 */
class ReadWriteLockIntegrationTests extends TwoNodesOnRedis {

	static AcquireRequest read(String name, String owner, long waitMs) {
		return new AcquireRequest(LockId.readWrite(name), owner, LeaseMode.READ, Duration.ofSeconds(30),
				Duration.ofMillis(waitMs), false);
	}

	static AcquireRequest write(String name, String owner, long waitMs) {
		return new AcquireRequest(LockId.readWrite(name), owner, LeaseMode.WRITE, Duration.ofSeconds(30),
				Duration.ofMillis(waitMs), false);
	}

	@Test
	void letsReadersShareTheLockEachWithItsOwnLease() {
		Lease first = one.locks.acquire(read("shared", "reader-1", 0)).join();
		Lease second = two.locks.acquire(read("shared", "reader-2", 0)).join();

		assertThat(second.leaseId()).isNotEqualTo(first.leaseId());
		assertThat(second.fencingToken()).isGreaterThan(first.fencingToken());
		LockState state = one.locks.state(LockId.readWrite("shared")).join();
		assertThat(state.holderCount()).isEqualTo(2);
		assertThat(state.holders()).extracting(Holder::mode).containsOnly(LeaseMode.READ);

		one.locks.release(first.lock(), first.leaseId()).join();
		assertThat(one.locks.state(LockId.readWrite("shared")).join().holders()).extracting(Holder::owner)
			.containsExactly("reader-2");
		two.locks.release(second.lock(), second.leaseId()).join();
	}

	@Test
	void makesAWriterWaitUntilTheLastReaderHasLeft() throws Exception {
		Lease first = one.locks.acquire(read("drain", "reader-1", 0)).join();
		Lease second = one.locks.acquire(read("drain", "reader-2", 0)).join();
		CompletableFuture<Lease> writer = two.locks.acquire(write("drain", "writer", 10_000));
		await().atMost(Duration.ofSeconds(5)).until(() -> one.locks.state(first.lock()).join().waiters() == 1);

		one.locks.release(first.lock(), first.leaseId()).join();
		Thread.sleep(200);
		assertThat(writer).isNotDone();
		one.locks.release(second.lock(), second.leaseId()).join();

		Lease written = writer.get(2, TimeUnit.SECONDS);
		assertThat(written.mode()).isEqualTo(LeaseMode.WRITE);
		assertThat(written.fencingToken()).isGreaterThan(second.fencingToken());
		two.locks.release(written.lock(), written.leaseId()).join();
	}

	@Test
	void keepsReadersAndOtherWritersOutWhileAWriterHoldsTheLock() {
		Lease writer = one.locks.acquire(write("exclusive", "writer", 0)).join();

		assertThatThrownBy(() -> two.locks.acquire(read("exclusive", "reader", 200)).join()).cause()
			.isInstanceOfSatisfying(LockConflictException.class,
					(conflict) -> assertThat(conflict.holderOwner()).isEqualTo("writer"));
		assertThatThrownBy(() -> two.locks.acquire(write("exclusive", "other-writer", 0)).join())
			.hasCauseInstanceOf(LockConflictException.class);

		one.locks.release(writer.lock(), writer.leaseId()).join();
		Lease reader = two.locks.acquire(read("exclusive", "reader", 0)).join();
		two.locks.release(reader.lock(), reader.leaseId()).join();
	}

	@Test
	void letsNoNewReaderOvertakeAQueuedWriter() throws Exception {
		Lease reader = one.locks.acquire(read("no-starving", "reader-1", 0)).join();
		CompletableFuture<Lease> writer = two.locks.acquire(write("no-starving", "writer", 10_000));
		await().atMost(Duration.ofSeconds(5)).until(() -> one.locks.state(reader.lock()).join().waiters() == 1);

		assertThatThrownBy(() -> one.locks.acquire(read("no-starving", "reader-2", 0)).join())
			.hasCauseInstanceOf(LockConflictException.class);

		one.locks.release(reader.lock(), reader.leaseId()).join();
		Lease written = writer.get(2, TimeUnit.SECONDS);
		two.locks.release(written.lock(), written.leaseId()).join();
	}

}
