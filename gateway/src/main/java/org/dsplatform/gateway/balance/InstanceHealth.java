package org.dsplatform.gateway.balance;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;

import org.springframework.cloud.client.ServiceInstance;

/**
 * What the gateway learns about each instance from the requests it sends there: how many
 * are in flight (for least-loaded balancing) and a circuit breaker fed by their outcomes
 * (passive outlier detection). An instance that keeps failing is taken out of rotation
 * while its circuit is open, then gets a few trial requests before it is trusted again.
 * Active health checks (the load balancer's readiness probes) work alongside: they catch
 * an instance that is down before any request fails there; this catches one that answers
 * its probe but fails or hangs on real requests.
 * <p>
 * Thread-safe.
 */
public class InstanceHealth {

	private final CircuitBreakerRegistry breakers;

	/** Each instance's circuit and requests in flight, found with one lookup. */
	private final ConcurrentMap<String, Tracked> instances = new ConcurrentHashMap<>();

	public InstanceHealth(CircuitBreakerRegistry breakers) {
		this.breakers = breakers;
	}

	/**
	 * The circuit breaker settings for instances: failures are counted over the last
	 * {@code window} calls once {@code minimumCalls} were made; above
	 * {@code failureRatePercent} the circuit opens for {@code openFor}, then lets
	 * {@code trialCalls} through to decide whether to close again.
	 */
	public static CircuitBreakerRegistry registry(BalancingProperties.CircuitBreaker settings) {
		CircuitBreakerConfig config = CircuitBreakerConfig.custom()
			.slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
			.slidingWindowSize(settings.window())
			.minimumNumberOfCalls(settings.minimumCalls())
			.failureRateThreshold(settings.failureRatePercent())
			.waitDurationInOpenState(settings.openFor())
			.permittedNumberOfCallsInHalfOpenState(settings.trialCalls())
			.automaticTransitionFromOpenToHalfOpenEnabled(true)
			// A trial call whose outcome is never recorded must not hold the circuit half
			// open for ever.
			.maxWaitDurationInHalfOpenState(settings.openFor())
			.build();
		return CircuitBreakerRegistry.of(config);
	}

	/**
	 * Whether the instance may be offered requests: its circuit is closed, or half open
	 * with trial calls left to give.
	 */
	boolean admits(ServiceInstance instance) {
		CircuitBreaker.State state = tracked(instance).breaker().getState();
		return state == CircuitBreaker.State.CLOSED || state == CircuitBreaker.State.HALF_OPEN
				|| state == CircuitBreaker.State.DISABLED;
	}

	/**
	 * Claims the right to send one request to the instance; every successful claim must
	 * be followed by exactly one {@link Call#finish} or {@link Call#abandon}.
	 * @return the call, or {@code null} when the circuit refuses it
	 */
	Call start(ServiceInstance instance) {
		Tracked tracked = tracked(instance);
		CircuitBreaker breaker = tracked.breaker();
		if (!breaker.tryAcquirePermission()) {
			return null;
		}
		tracked.inFlight().incrementAndGet();
		return new Call(breaker, tracked.inFlight(), breaker.getCurrentTimestamp());
	}

	int inFlight(ServiceInstance instance) {
		return tracked(instance).inFlight().get();
	}

	CircuitBreaker.State state(ServiceInstance instance) {
		return tracked(instance).breaker().getState();
	}

	private Tracked tracked(ServiceInstance instance) {
		return this.instances.computeIfAbsent(key(instance),
				(key) -> new Tracked(this.breakers.circuitBreaker(key), new AtomicInteger()));
	}

	/**
	 * The name of an instance's circuit breaker and metrics: its service and address.
	 */
	static String key(ServiceInstance instance) {
		return instance.getServiceId() + "@" + instance.getHost() + ":" + instance.getPort();
	}

	/**
	 * One request sent to an instance.
	 */
	static final class Call {

		private final CircuitBreaker breaker;

		private final AtomicInteger inFlight;

		private final long start;

		private boolean done;

		private Call(CircuitBreaker breaker, AtomicInteger inFlight, long start) {
			this.breaker = breaker;
			this.inFlight = inFlight;
			this.start = start;
		}

		/**
		 * Records the outcome: a failure counts against the instance's circuit.
		 */
		synchronized void finish(boolean failed, Throwable cause) {
			if (end()) {
				long elapsed = this.breaker.getCurrentTimestamp() - this.start;
				TimeUnit unit = this.breaker.getTimestampUnit();
				if (failed) {
					this.breaker.onError(elapsed, unit,
							(cause != null) ? cause : new InstanceFailure("the instance answered with a server error"));
				}
				else {
					this.breaker.onSuccess(elapsed, unit);
				}
			}
		}

		/**
		 * Ends the call without a verdict (the client went away first).
		 */
		synchronized void abandon() {
			if (end()) {
				this.breaker.releasePermission();
			}
		}

		private boolean end() {
			if (this.done) {
				return false;
			}
			this.done = true;
			this.inFlight.decrementAndGet();
			return true;
		}

	}

	private record Tracked(CircuitBreaker breaker, AtomicInteger inFlight) {
	}

	/**
	 * A response that counts as the instance's failure although no exception was raised.
	 */
	static final class InstanceFailure extends RuntimeException {

		InstanceFailure(String message) {
			super(message, null, false, false);
		}

	}

}
