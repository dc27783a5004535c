package org.dsplatform.gateway.balance;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.dsplatform.gateway.StandInInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway's balancing, circuits and retries in front of real HTTP stand-ins of
 * service instances: each strategy's distribution, a failing instance ejected and taken
 * back, an instance killed under steady load, and which requests are retried.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "platform.node-id=gateway-test",
		"gateway.cache-ring.kv-urls=http://127.0.0.1:9", "gateway.balancing.circuit-breaker.open-for=1s" })
class GatewayBalancingIntegrationTests {

	static final Map<String, List<StandInInstance>> services = Map.of("kv-service", standIns("kv", 3), "lock-service",
			standIns("lock", 2), "weighted-service", standIns("weighted", 2), "round-robin-service",
			standIns("round-robin", 3), "random-service", standIns("random", 3), "least-loaded-service",
			standIns("least-loaded", 2), "flaky-service", standIns("flaky", 2));

	final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	@LocalServerPort
	int port;

	@Autowired
	InstanceHealth health;

	@Autowired
	CircuitBreakerRegistry circuits;

	@DynamicPropertySource
	static void instances(DynamicPropertyRegistry registry) {
		services.forEach((service, instances) -> {
			for (int i = 0; i < instances.size(); i++) {
				String prefix = "spring.cloud.discovery.client.simple.instances." + service + "[" + i + "]";
				StandInInstance instance = instances.get(i);
				registry.add(prefix + ".uri", instance::uri);
				registry.add(prefix + ".instance-id", instance::name);
			}
		});
		registry.add("spring.cloud.discovery.client.simple.instances.weighted-service[0].metadata.weight", () -> "3");
		registry.add("spring.cloud.discovery.client.simple.instances.weighted-service[1].metadata.weight", () -> "1");
	}

	@AfterAll
	static void stopStandIns() {
		services.values().forEach((instances) -> instances.forEach(StandInInstance::close));
	}

	@BeforeEach
	void resetStandIns() {
		services.values().forEach((instances) -> instances.forEach(StandInInstance::reset));
	}

	@Test
	void weightedSplitsThreeToOne() throws Exception {
		int requests = 10_000;
		assertThat(send(requests, 16, (i) -> get("/test/weighted/" + i))).isEqualTo(requests);
		double heavyShare = served("weighted-service", 0) / (double) requests;
		assertThat(heavyShare).isBetween(0.75 - 0.0375, 0.75 + 0.0375);
		assertThat(served("weighted-service", 0) + served("weighted-service", 1)).isEqualTo(requests);
	}

	@Test
	void roundRobinGivesEachInstanceItsTurn() throws Exception {
		assertThat(send(1500, 16, (i) -> get("/test/round-robin/" + i))).isEqualTo(1500);
		for (int i = 0; i < 3; i++) {
			assertThat(served("round-robin-service", i)).isEqualTo(500);
		}
	}

	@Test
	void randomSpreadsUniformly() throws Exception {
		assertThat(send(3000, 16, (i) -> get("/test/random/" + i))).isEqualTo(3000);
		for (int i = 0; i < 3; i++) {
			assertThat(served("random-service", i)).isBetween(850, 1150);
		}
	}

	@Test
	void leastLoadedSendsMostRequestsToTheInstanceThatKeepsUp() throws Exception {
		services.get("least-loaded-service").get(0).behave((exchange) -> {
			sleep(100);
			return 200;
		});
		assertThat(send(2000, 16, (i) -> get("/test/least-loaded/" + i))).isEqualTo(2000);
		// Round robin would give each half; joining the shorter queue gives the slow one
		// about its share of the capacity: a few percent with a quick gateway, some 15%
		// on a loaded machine.
		assertThat(served("least-loaded-service", 1)).isGreaterThan(1500);
	}

	@Test
	void aFailingInstanceIsEjectedByItsCircuitAndTakenBackWhenItRecovers() throws Exception {
		StandInInstance flaky = services.get("flaky-service").get(0);
		flaky.behave((exchange) -> 500);
		long start = System.nanoTime();
		int ok = send(400, 4, (i) -> get("/test/flaky/" + i));
		long openPeriods = 1 + TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
		// Round robin alone would send it 200. The circuit opens after 5 failures (plus
		// the requests already in flight), then lets 3 trial calls through each second
		// it stays open. (A failure may also be a request sent on a connection the
		// failing instance had just closed.)
		long bound = 5 + 4 + 3 * openPeriods;
		assertThat((long) flaky.served()).isLessThanOrEqualTo(bound);
		assertThat(400L - ok).isLessThanOrEqualTo(bound);
		// Open, or half open when the run ends during a second of trial calls: either
		// way ejected, not closed.
		assertThat(this.health.state(instanceOf("flaky-service", flaky))).isIn(CircuitBreaker.State.OPEN,
				CircuitBreaker.State.HALF_OPEN);

		flaky.behave(StandInInstance.OK);
		int servedWhileFailing = flaky.served();
		Thread.sleep(1500);
		assertThat(send(400, 4, (i) -> get("/test/flaky/" + i))).isEqualTo(400);
		assertThat(flaky.served() - servedWhileFailing).isGreaterThan(100);
		assertThat(this.health.state(instanceOf("flaky-service", flaky))).isEqualTo(CircuitBreaker.State.CLOSED);
	}

	@Test
	void anInstanceAnswering503IsNotEjected() throws Exception {
		this.circuits.getAllCircuitBreakers().forEach(CircuitBreaker::reset);
		StandInInstance busy = services.get("flaky-service").get(0);
		busy.behave((exchange) -> 503);
		send(100, 4, (i) -> get("/test/flaky/" + i));
		// Round robin kept giving it its half: a 503 is the service's answer, not a
		// fault.
		assertThat(busy.served()).isEqualTo(50);
		assertThat(this.health.state(instanceOf("flaky-service", busy))).isEqualTo(CircuitBreaker.State.CLOSED);
	}

	@Test
	void retriesReadsAndConditionalWritesButNeverAPlainWrite() throws Exception {
		List<StandInInstance> locks = services.get("lock-service");
		locks.forEach((instance) -> instance.behave((exchange) -> 503));
		assertThat(attempts(get("/api/locks/a"))).isEqualTo(4);
		assertThat(attempts(request("POST", "/api/locks/mutex/a/acquire", "{}"))).isEqualTo(1);
		assertThat(attempts(request("PUT", "/api/locks/k", "{\"value\":\"v\"}"))).isEqualTo(1);
		assertThat(attempts(request("DELETE", "/api/locks/k", ""))).isEqualTo(1);
		assertThat(attempts(request("PUT", "/api/locks/k?expectedVersion=3", "{\"value\":\"v\"}"))).isEqualTo(4);
		// Every replay of a conditional write carried the original body.
		assertThat(locks.stream().flatMap((instance) -> instance.received().stream()))
			.extracting(StandInInstance.Received::body)
			.containsOnly("{\"value\":\"v\"}");
		assertThat(attempts(request("DELETE", "/api/locks/k?expectedValue=v", ""))).isEqualTo(4);
	}

	@Test
	void aPlainWriteWhoseInstanceHangsUpIsAnswered502OnceNot500() throws Exception {
		this.circuits.getAllCircuitBreakers().forEach(CircuitBreaker::reset);
		List<StandInInstance> locks = services.get("lock-service");
		locks.forEach((instance) -> instance.behave((exchange) -> {
			// The stand-in's server closes the connection without an answer.
			throw new IOException("hanging up");
		}));
		HttpResponse<String> answer = this.http.send(request("POST", "/api/locks/mutex/a/acquire", "{}"),
				HttpResponse.BodyHandlers.ofString());
		assertThat(answer.statusCode()).isEqualTo(502);
		assertThat(answer.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(answer.body()).contains("\"type\":\"/problems/upstream-failed\"");
		// Whether the instance applied it is unknown: the gateway does not send it again.
		assertThat(locks.stream().mapToInt(StandInInstance::served).sum()).isEqualTo(1);
	}

	@Test
	void killingAnInstanceUnderSteadyLoadFailsNoReadAfterTwoSeconds() throws Exception {
		StandInInstance victim = services.get("kv-service").get(1);
		ConcurrentLinkedQueue<Long> failures = new ConcurrentLinkedQueue<>();
		AtomicInteger sent = new AtomicInteger();
		long start = System.nanoTime();
		long killAt = start + TimeUnit.SECONDS.toNanos(1);
		long end = start + TimeUnit.SECONDS.toNanos(5);
		ExecutorService load = Executors.newFixedThreadPool(8);
		List<Future<?>> workers = new ArrayList<>();
		for (int w = 0; w < 8; w++) {
			workers.add(load.submit(() -> {
				while (System.nanoTime() < end) {
					long sentAt = System.nanoTime();
					sent.incrementAndGet();
					if (status(get("/api/kv/keys/k" + sentAt)) != 200) {
						failures.add(sentAt);
					}
					sleep(5);
				}
				return null;
			}));
		}
		while (System.nanoTime() < killAt) {
			Thread.sleep(10);
		}
		victim.close();
		for (Future<?> worker : workers) {
			worker.get();
		}
		load.shutdown();
		long twoSecondsAfterKill = killAt + TimeUnit.SECONDS.toNanos(2);
		assertThat(sent.get()).isGreaterThan(500);
		assertThat(failures).noneMatch((sentAt) -> sentAt > twoSecondsAfterKill);
		// With retries on another instance, not even the first reads fail.
		assertThat(failures).isEmpty();
	}

	private int served(String service, int index) {
		return services.get(service).get(index).served();
	}

	private static DefaultServiceInstance instanceOf(String service, StandInInstance instance) {
		URI uri = URI.create(instance.uri());
		return new DefaultServiceInstance(instance.name(), service, uri.getHost(), uri.getPort(), false);
	}

	private int attempts(HttpRequest request) throws Exception {
		// Each case starts with closed circuits, or the previous cases' failures would
		// open them and cut the retries short.
		this.circuits.getAllCircuitBreakers().forEach(CircuitBreaker::reset);
		services.get("lock-service").forEach(StandInInstance::reset);
		services.get("lock-service").forEach((instance) -> instance.behave((exchange) -> 503));
		assertThat(status(request)).isEqualTo(503);
		return services.get("lock-service").stream().mapToInt(StandInInstance::served).sum();
	}

	private HttpRequest get(String path) {
		return request("GET", path, "");
	}

	private HttpRequest request(String method, String path, String body) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.timeout(Duration.ofSeconds(10))
			.header("Content-Type", "application/json")
			.method(method,
					body.isEmpty() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
			.build();
	}

	private int status(HttpRequest request) {
		try {
			return this.http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
		}
		catch (Exception ex) {
			return -1;
		}
	}

	/** Sends the requests from a few threads at once; answers how many got a 200. */
	private int send(int requests, int threads, IntFunction<HttpRequest> request) throws Exception {
		AtomicInteger next = new AtomicInteger();
		AtomicInteger ok = new AtomicInteger();
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		List<Future<?>> workers = new ArrayList<>();
		for (int t = 0; t < threads; t++) {
			workers.add(pool.submit(() -> {
				for (int i = next.getAndIncrement(); i < requests; i = next.getAndIncrement()) {
					if (status(request.apply(i)) == 200) {
						ok.incrementAndGet();
					}
				}
				return null;
			}));
		}
		for (Future<?> worker : workers) {
			worker.get();
		}
		pool.shutdown();
		return ok.get();
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static List<StandInInstance> standIns(String name, int count) {
		List<StandInInstance> instances = new ArrayList<>();
		for (int i = 1; i <= count; i++) {
			instances.add(StandInInstance.start(name + "-" + i));
		}
		return instances;
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class StrategyRoutes {

		@Bean
		RouteLocator strategyRoutes(RouteLocatorBuilder routes) {
			RouteLocatorBuilder.Builder builder = routes.routes();
			for (String strategy : List.of("weighted", "round-robin", "random", "least-loaded", "flaky")) {
				String balancing = strategy.equals("flaky") ? "round-robin" : strategy;
				builder.route(strategy,
						(route) -> route.path("/test/" + strategy + "/**")
							.metadata(RoutingLoadBalancer.STRATEGY_METADATA, balancing)
							.uri("lb://" + strategy + "-service"));
			}
			return builder.build();
		}

	}

}
