package org.dsplatform.gateway.balance;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the gateway balances requests over instances.
 *
 * @param defaultStrategy the strategy of a route whose metadata names none
 * @param healthCheck the readiness probes that decide which instances take requests
 * @param circuitBreaker the circuit breaker kept for every instance
 */
@ConfigurationProperties("gateway.balancing")
public record BalancingProperties(@DefaultValue("least-loaded") String defaultStrategy,
		@DefaultValue HealthCheck healthCheck, @DefaultValue CircuitBreaker circuitBreaker) {

	/**
	 * Active health checks.
	 *
	 * @param path the probe's path on each instance
	 * @param interval time between rounds of probes
	 * @param timeout how long a probe may take before the instance counts as not ready
	 */
	public record HealthCheck(@DefaultValue("/actuator/health/readiness") String path,
			@DefaultValue("1s") Duration interval, @DefaultValue("800ms") Duration timeout) {
	}

	/**
	 * Passive outlier detection: an instance whose recent requests mostly failed (5xx,
	 * refused connection, timeout) is skipped for a while.
	 *
	 * @param window the number of recent calls the failure rate is taken over
	 * @param minimumCalls calls needed before the rate is judged at all
	 * @param failureRatePercent the failure rate that opens the circuit
	 * @param openFor how long an open circuit keeps the instance out
	 * @param trialCalls calls let through afterwards to decide whether it recovered
	 */
	public record CircuitBreaker(@DefaultValue("10") int window, @DefaultValue("5") int minimumCalls,
			@DefaultValue("50") float failureRatePercent, @DefaultValue("5s") Duration openFor,
			@DefaultValue("3") int trialCalls) {
	}

}
