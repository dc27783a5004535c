package org.dsplatform.gateway.balance;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The instances of a service whose readiness probe passed in the last round of checks.
 * Every {@code interval} each instance the discovery client lists is probed in parallel,
 * each probe bounded by {@code timeout}; when the round is over, the instances that
 * answered 2xx become the list, in a stable order. So an instance that stops answering
 * leaves within one interval plus one timeout, and one that answers again returns within
 * one interval.
 * <p>
 * Spring Cloud LoadBalancer's own health-check supplier publishes each round's result one
 * instance at a time, so for a moment every round a request sees only part of the healthy
 * instances: round robin stops being fair and the cache's key ring sends keys to the
 * wrong owner. This one publishes whole rounds only.
 */
class ReadinessCheckedInstances implements ServiceInstanceListSupplier, DisposableBean {

	private static final Comparator<ServiceInstance> BY_ADDRESS = Comparator.comparing(ServiceInstance::getHost)
		.thenComparingInt(ServiceInstance::getPort);

	private final ServiceInstanceListSupplier discovered;

	private final Flux<List<ServiceInstance>> ready;

	private final Disposable rounds;

	ReadinessCheckedInstances(ServiceInstanceListSupplier discovered, WebClient probes,
			BalancingProperties.HealthCheck settings) {
		this.discovered = discovered;
		this.ready = Flux.interval(Duration.ZERO, settings.interval())
			.onBackpressureDrop()
			.concatMap((tick) -> round(probes, settings), 1)
			.replay(1)
			.autoConnect(0);
		this.rounds = this.ready.subscribe();
	}

	@Override
	public String getServiceId() {
		return this.discovered.getServiceId();
	}

	@Override
	public Flux<List<ServiceInstance>> get() {
		return this.ready;
	}

	@Override
	public void destroy() {
		this.rounds.dispose();
	}

	private Mono<List<ServiceInstance>> round(WebClient probes, BalancingProperties.HealthCheck settings) {
		return this.discovered.get()
			.next()
			.flatMapMany(Flux::fromIterable)
			.flatMap((instance) -> probe(probes, instance, settings))
			.collectList()
			.map((ready) -> {
				List<ServiceInstance> sorted = new ArrayList<>(ready);
				sorted.sort(BY_ADDRESS);
				return List.copyOf(sorted);
			})
			.onErrorResume((ex) -> Mono.empty());
	}

	private static Mono<ServiceInstance> probe(WebClient probes, ServiceInstance instance,
			BalancingProperties.HealthCheck settings) {
		return probes.get()
			.uri(instance.getUri().resolve(settings.path()))
			.exchangeToMono((response) -> response.releaseBody().thenReturn(response.statusCode().is2xxSuccessful()))
			.timeout(settings.timeout())
			.onErrorReturn(false)
			.filter(Boolean::booleanValue)
			.map((ok) -> instance);
	}

}
