package org.dsplatform.lock.api;

import java.time.Duration;

import org.dsplatform.lock.api.LockViews.LeaseView;
import org.dsplatform.lock.api.LockViews.ReadWriteView;
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
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;

/**
 * Read-write locks: many readers or one writer, each grant its own lease. Writers queue
 * in arrival order and readers do not overtake a queued writer, so readers cannot starve
 * a writer.
 */
@RestController
@RequestMapping("/api/locks/rw")
class ReadWriteLockController {

	private final LockManager locks;

	private final RequestValidator validator;

	ReadWriteLockController(LockManager locks, RequestValidator validator) {
		this.locks = locks;
		this.validator = validator;
	}

	@PostMapping("/{name}/acquire")
	DeferredResult<LeaseView> acquire(@PathVariable String name, @RequestBody LockRequests.Acquire body) {
		AcquireRequest request = this.validator.acquire(Primitive.READ_WRITE, name, body);
		return Deferred.of(this.locks.acquire(request).thenApply(LeaseView::of), request.maxWait());
	}

	@PostMapping("/{name}/renew")
	LeaseView renew(@PathVariable String name, @RequestBody LockRequests.Renew body) {
		LockId lock = this.validator.lock(Primitive.READ_WRITE, name);
		String leaseId = this.validator.leaseId(body.leaseId());
		Duration lease = this.validator.lease(body.leaseMs());
		return Answers.await(this.locks.renew(lock, leaseId, lease).thenApply(LeaseView::of));
	}

	@PostMapping("/{name}/release")
	ResponseEntity<Void> release(@PathVariable String name, @RequestBody LockRequests.Release body) {
		LockId lock = this.validator.lock(Primitive.READ_WRITE, name);
		String leaseId = this.validator.leaseId(body.leaseId());
		return Answers.await(this.locks.release(lock, leaseId).thenApply((done) -> ResponseEntity.noContent().build()));
	}

	@GetMapping("/{name}")
	ReadWriteView state(@PathVariable String name) {
		LockId lock = this.validator.lock(Primitive.READ_WRITE, name);
		return Answers.await(this.locks.state(lock).thenApply((state) -> {
			if (state.holders().isEmpty()) {
				throw new LockNotFoundException("Read-write lock '" + name + "' is not held");
			}
			return ReadWriteView.of(state);
		}));
	}

}
