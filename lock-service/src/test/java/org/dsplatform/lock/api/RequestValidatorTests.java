package org.dsplatform.lock.api;

import java.time.Duration;

import org.dsplatform.lock.lease.AcquireRequest;
import org.dsplatform.lock.lease.LeaseIds;
import org.dsplatform.lock.lease.LeaseMode;
import org.dsplatform.lock.lease.Primitive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RequestValidatorTests {

	final RequestValidator validator = new RequestValidator(
			new RequestLimits(Duration.ofMillis(100), Duration.ofHours(1), Duration.ofSeconds(30), 10_000));

	static LockRequests.Acquire acquire(String owner, Long leaseMs, Long waitMs) {
		return new LockRequests.Acquire(owner, leaseMs, waitMs, null, null);
	}

	void assertRejected(Runnable call, String field) {
		assertThatThrownBy(call::run).isInstanceOfSatisfying(InvalidRequestException.class, (ex) -> {
			assertThat(ex.field()).isEqualTo(field);
			assertThat(ex.getMessage()).contains(field);
		});
	}

	@Test
	void turnsAValidMutexRequestIntoAnAcquireRequest() {
		AcquireRequest request = this.validator.acquire(Primitive.MUTEX, "orders:42",
				new LockRequests.Acquire("worker-1", 5_000L, 250L, true, null));

		assertThat(request.lock().name()).isEqualTo("orders:42");
		assertThat(request.owner()).isEqualTo("worker-1");
		assertThat(request.mode()).isEqualTo(LeaseMode.EXCLUSIVE);
		assertThat(request.lease()).isEqualTo(Duration.ofSeconds(5));
		assertThat(request.maxWait()).isEqualTo(Duration.ofMillis(250));
		assertThat(request.fair()).isTrue();
	}

	@Test
	void triesOnceWhenNoWaitIsGiven() {
		assertThat(this.validator.acquire(Primitive.SEMAPHORE, "pool", acquire("a", 100L, null)).maxWait()).isZero();
	}

	@ParameterizedTest
	@ValueSource(strings = { "a", "orders:42", "ünïcödé ✓", "with space", "semi;colon", "%41", "..." })
	void acceptsNamesThatAreOnePathSegment(String name) {
		assertThat(this.validator.lock(Primitive.MUTEX, name).name()).isEqualTo(name);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", " ", "a/b", "a\\b", ".", "..", "tab\there", "nul\u0000", "del\u007f", "c1\u0085",
			"lone\ud800surrogate" })
	void rejectsNamesThatAreEmptyNotOneSegmentOrHoldControlCharacters(String name) {
		assertRejected(() -> this.validator.lock(Primitive.MUTEX, name), "name");
	}

	@Test
	void acceptsNamesUpTo256Utf8Bytes() {
		assertThat(this.validator.lock(Primitive.MUTEX, "x".repeat(256)).name()).hasSize(256);
		assertRejected(() -> this.validator.lock(Primitive.MUTEX, "x".repeat(257)), "name");
		assertRejected(() -> this.validator.lock(Primitive.MUTEX, "é".repeat(129)), "name");
	}

	@Test
	void requiresAnOwnerWithinTheSameLimits() {
		assertRejected(() -> this.validator.acquire(Primitive.MUTEX, "a", acquire(null, 1_000L, 0L)), "owner");
		assertRejected(() -> this.validator.acquire(Primitive.MUTEX, "a", acquire("  ", 1_000L, 0L)), "owner");
		assertRejected(() -> this.validator.acquire(Primitive.MUTEX, "a", acquire("x".repeat(257), 1_000L, 0L)),
				"owner");
		assertRejected(() -> this.validator.acquire(Primitive.MUTEX, "a", acquire("line\nbreak", 1_000L, 0L)), "owner");
		assertThat(this.validator.acquire(Primitive.MUTEX, "a", acquire("svc/worker-1", 1_000L, 0L)).owner())
			.isEqualTo("svc/worker-1");
	}

	@Test
	void requiresALeaseBetweenTheConfiguredBounds() {
		for (Long leaseMs : new Long[] { null, -1L, 0L, 99L, 3_600_001L, Long.MAX_VALUE }) {
			assertRejected(() -> this.validator.acquire(Primitive.MUTEX, "a", acquire("o", leaseMs, 0L)), "leaseMs");
		}
		assertThat(this.validator.lease(100L)).isEqualTo(Duration.ofMillis(100));
		assertThat(this.validator.lease(3_600_000L)).isEqualTo(Duration.ofHours(1));
	}

	@Test
	void boundsTheWaitByTheConfiguredMaximum() {
		assertRejected(() -> this.validator.acquire(Primitive.MUTEX, "a", acquire("o", 1_000L, -1L)), "waitMs");
		assertRejected(() -> this.validator.acquire(Primitive.MUTEX, "a", acquire("o", 1_000L, 30_001L)), "waitMs");
		assertThat(this.validator.maxWait(30_000L)).isEqualTo(Duration.ofSeconds(30));
	}

	@Test
	void requiresAKnownModeForReadWriteLocks() {
		assertRejected(() -> this.validator.acquire(Primitive.READ_WRITE, "a",
				new LockRequests.Acquire("o", 1_000L, 0L, null, null)), "mode");
		assertRejected(() -> this.validator.acquire(Primitive.READ_WRITE, "a",
				new LockRequests.Acquire("o", 1_000L, 0L, null, "exclusive")), "mode");
		assertThat(this.validator
			.acquire(Primitive.READ_WRITE, "a", new LockRequests.Acquire("o", 1_000L, 0L, null, "write"))
			.mode()).isEqualTo(LeaseMode.WRITE);
	}

	@Test
	void acceptsOnlyWellFormedLeaseIds() {
		String leaseId = LeaseIds.next();
		assertThat(this.validator.leaseId(leaseId)).isEqualTo(leaseId);
		assertRejected(() -> this.validator.leaseId(null), "leaseId");
		assertRejected(() -> this.validator.leaseId("not-a-lease-id"), "leaseId");
		assertRejected(() -> this.validator.leaseId(leaseId + "x"), "leaseId");
	}

	@Test
	void boundsPermitsAndListingLimits() {
		assertRejected(() -> this.validator.permits(null), "permits");
		assertRejected(() -> this.validator.permits(0), "permits");
		assertRejected(() -> this.validator.permits(10_001), "permits");
		assertThat(this.validator.permits(10_000)).isEqualTo(10_000);
		assertThat(this.validator.limit(null)).isEqualTo(100);
		assertRejected(() -> this.validator.limit(0), "limit");
		assertRejected(() -> this.validator.limit(1_001), "limit");
		assertThat(this.validator.prefix(null)).isEmpty();
		assertRejected(() -> this.validator.prefix("bad\u0001"), "prefix");
	}

}
