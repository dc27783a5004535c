package org.dsplatform.lock.api;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.dsplatform.lock.lease.Holder;
import org.dsplatform.lock.lease.Lease;
import org.dsplatform.lock.lease.LeaseMode;
import org.dsplatform.lock.lease.LockState;

/**
 * The JSON answers of the lock endpoints. Instants are ISO-8601, fencing tokens JSON
 * numbers. Only the answer to acquire and renew, which go to the holder, carries the
 * lease id.
 */
final class LockViews {

	private LockViews() {
	}

	static String mode(LeaseMode mode) {
		return switch (mode) {
			case READ -> "read";
			case WRITE -> "write";
			default -> null;
		};
	}

	/**
	 * A lease, for its holder.
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record LeaseView(String name, String owner, String mode, String leaseId, long fencingToken, Instant expiresAt) {

		static LeaseView of(Lease lease) {
			return new LeaseView(lease.lock().name(), lease.owner(), LockViews.mode(lease.mode()), lease.leaseId(),
					lease.fencingToken(), lease.expiresAt());
		}

	}

	/**
	 * A lease, for anyone.
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record HolderView(String owner, String mode, long fencingToken, Instant expiresAt) {

		static HolderView of(Holder holder) {
			return new HolderView(holder.owner(), LockViews.mode(holder.mode()), holder.fencingToken(),
					holder.expiresAt());
		}

	}

	/**
	 * {@code GET /api/locks/mutex/{name}}.
	 */
	record MutexView(String name, String owner, long fencingToken, Instant expiresAt, int waiters) {

		static MutexView of(LockState state) {
			Holder holder = state.holders().get(0);
			return new MutexView(state.lock().name(), holder.owner(), holder.fencingToken(), holder.expiresAt(),
					state.waiters());
		}

	}

	/**
	 * {@code GET /api/locks/rw/{name}}: held for {@code read} or {@code write}.
	 */
	record ReadWriteView(String name, String mode, int holderCount, List<HolderView> holders, int waiters) {

		static ReadWriteView of(LockState state) {
			List<HolderView> holders = state.holders().stream().map(HolderView::of).toList();
			String mode = holders.isEmpty() ? null : holders.get(0).mode();
			return new ReadWriteView(state.lock().name(), mode, state.holderCount(), holders, state.waiters());
		}

	}

	/**
	 * {@code GET /api/locks/semaphores/{name}}.
	 */
	record SemaphoreView(String name, int permits, int available, List<HolderView> holders, int waiters) {

		static SemaphoreView of(LockState state) {
			return new SemaphoreView(state.lock().name(), state.permits(),
					Math.max(0, state.permits() - state.holderCount()),
					state.holders().stream().map(HolderView::of).toList(), state.waiters());
		}

	}

	/**
	 * {@code POST /api/locks/semaphores/{name}}.
	 */
	record SemaphoreDefinitionView(String name, int permits) {

	}

	/**
	 * One held mutex in a listing.
	 */
	record HeldMutexView(String name, String owner, long fencingToken, Instant expiresAt) {

	}

	/**
	 * {@code GET /api/locks/mutex?prefix=&limit=}.
	 */
	record HeldMutexesView(List<HeldMutexView> locks, boolean truncated) {

	}

}
