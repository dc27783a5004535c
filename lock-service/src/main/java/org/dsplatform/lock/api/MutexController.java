package org.dsplatform.lock.api;

import java.time.Duration;

import org.dsplatform.lock.api.LockViews.HeldMutexView;
import org.dsplatform.lock.api.LockViews.HeldMutexesView;
import org.dsplatform.lock.api.LockViews.LeaseView;
import org.dsplatform.lock.api.LockViews.MutexView;
import org.dsplatform.lock.lease.AcquireRequest;
import org.dsplatform.lock.lease.LockId;
import org.dsplatform.lock.lease.LockManager;
import org.dsplatform.lock.lease.Primitive;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;

/**
 * Mutexes: one holder at a time, optionally granted in arrival order ({@code fair}).
 */
@RestController
@RequestMapping("/api/locks/mutex")
class MutexController {

	private final LockManager locks;

	private final RequestValidator validator;

	MutexController(LockManager locks, RequestValidator validator) {
		this.locks = locks;
		this.validator = validator;
	}

	@PostMapping("/{name}/acquire")
	DeferredResult<LeaseView> acquire(@PathVariable String name, @RequestBody LockRequests.Acquire body) {
		AcquireRequest request = this.validator.acquire(Primitive.MUTEX, name, body);
		return Deferred.of(this.locks.acquire(request).thenApply(LeaseView::of), request.maxWait());
	}

	@PostMapping("/{name}/renew")
	LeaseView renew(@PathVariable String name, @RequestBody LockRequests.Renew body) {
		LockId lock = this.validator.lock(Primitive.MUTEX, name);
		String leaseId = this.validator.leaseId(body.leaseId());
		Duration lease = this.validator.lease(body.leaseMs());
		return Answers.await(this.locks.renew(lock, leaseId, lease).thenApply(LeaseView::of));
	}

	@PostMapping("/{name}/release")
	ResponseEntity<Void> release(@PathVariable String name, @RequestBody LockRequests.Release body) {
		LockId lock = this.validator.lock(Primitive.MUTEX, name);
		String leaseId = this.validator.leaseId(body.leaseId());
		return Answers.await(this.locks.release(lock, leaseId).thenApply((done) -> ResponseEntity.noContent().build()));
	}

	@GetMapping("/{name}")
	MutexView state(@PathVariable String name) {
		LockId lock = this.validator.lock(Primitive.MUTEX, name);
		return Answers.await(this.locks.state(lock).thenApply((state) -> {
			if (state.holders().isEmpty()) {
				throw new LockNotFoundException("Mutex '" + name + "' is not held");
			}
			return MutexView.of(state);
		}));
	}

	@GetMapping
	HeldMutexesView list(@RequestParam(required = false) String prefix, @RequestParam(required = false) Integer limit) {
		String validPrefix = this.validator.prefix(prefix);
		int validLimit = this.validator.limit(limit);
		return Answers.await(this.locks.list(Primitive.MUTEX, validPrefix, validLimit)
			.thenApply((held) -> new HeldMutexesView(held.locks()
				.stream()
				.map((lock) -> new HeldMutexView(lock.name(), lock.holder().owner(), lock.holder().fencingToken(),
						lock.holder().expiresAt()))
				.toList(), held.truncated())));
	}

}
