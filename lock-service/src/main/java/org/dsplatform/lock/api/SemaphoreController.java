package org.dsplatform.lock.api;

import java.time.Duration;

import org.dsplatform.lock.api.LockViews.LeaseView;
import org.dsplatform.lock.api.LockViews.SemaphoreDefinitionView;
import org.dsplatform.lock.api.LockViews.SemaphoreView;
import org.dsplatform.lock.lease.AcquireRequest;
import org.dsplatform.lock.lease.LockId;
import org.dsplatform.lock.lease.LockManager;
import org.dsplatform.lock.lease.Primitive;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;

/**
 * Counting semaphores: defined once with a number of permits, then each acquire takes one
 * permit with its own lease and fencing token.
 */
@RestController
@RequestMapping("/api/locks/semaphores")
class SemaphoreController {

	private final LockManager locks;

	private final RequestValidator validator;

	SemaphoreController(LockManager locks, RequestValidator validator) {
		this.locks = locks;
		this.validator = validator;
	}

	/**
	 * 201 when created, 200 when it already existed with these permits, 409 when it
	 * exists with others.
	 */
	@PostMapping("/{name}")
	ResponseEntity<SemaphoreDefinitionView> define(@PathVariable String name,
			@RequestBody LockRequests.DefineSemaphore body) {
		LockId lock = this.validator.lock(Primitive.SEMAPHORE, name);
		int permits = this.validator.permits(body.permits());
		return Answers.await(this.locks.defineSemaphore(lock.name(), permits)
			.thenApply((created) -> ResponseEntity.status(created ? HttpStatus.CREATED : HttpStatus.OK)
				.body(new SemaphoreDefinitionView(lock.name(), permits))));
	}

	@PostMapping("/{name}/acquire")
	DeferredResult<LeaseView> acquire(@PathVariable String name, @RequestBody LockRequests.Acquire body) {
		AcquireRequest request = this.validator.acquire(Primitive.SEMAPHORE, name, body);
		return Deferred.of(this.locks.acquire(request).thenApply(LeaseView::of), request.maxWait());
	}

	@PostMapping("/{name}/renew")
	LeaseView renew(@PathVariable String name, @RequestBody LockRequests.Renew body) {
		LockId lock = this.validator.lock(Primitive.SEMAPHORE, name);
		String leaseId = this.validator.leaseId(body.leaseId());
		Duration lease = this.validator.lease(body.leaseMs());
		return Answers.await(this.locks.renew(lock, leaseId, lease).thenApply(LeaseView::of));
	}

	@PostMapping("/{name}/release")
	ResponseEntity<Void> release(@PathVariable String name, @RequestBody LockRequests.Release body) {
		LockId lock = this.validator.lock(Primitive.SEMAPHORE, name);
		String leaseId = this.validator.leaseId(body.leaseId());
		return Answers.await(this.locks.release(lock, leaseId).thenApply((done) -> ResponseEntity.noContent().build()));
	}

	@GetMapping("/{name}")
	SemaphoreView state(@PathVariable String name) {
		LockId lock = this.validator.lock(Primitive.SEMAPHORE, name);
		return Answers.await(this.locks.state(lock).thenApply((state) -> {
			if (state.permits() < 0) {
				throw new LockNotFoundException("No semaphore named '" + name + "' is defined");
			}
			return SemaphoreView.of(state);
		}));
	}

}
