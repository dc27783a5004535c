package org.dsplatform.gateway.balance;

import java.util.List;
import java.util.Map;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ChoosersTests {

	private final ServiceInstance heavy = instance(8001, Map.of("weight", "3"));

	private final ServiceInstance light = instance(8002, Map.of());

	@Test
	void weightedConvergesOnTheConfiguredShares() {
		InstanceChooser weighted = Choosers.weighted();
		int heavyPicks = 0;
		for (int i = 0; i < 100_000; i++) {
			if (weighted.choose(List.of(this.heavy, this.light), null) == this.heavy) {
				heavyPicks++;
			}
		}
		assertThat(heavyPicks / 100_000.0).isBetween(0.74, 0.76);
	}

	@Test
	void leastLoadedPicksTheInstanceWithFewerRequestsInFlight() {
		InstanceHealth health = new InstanceHealth(CircuitBreakerRegistry.ofDefaults());
		InstanceChooser leastLoaded = Choosers.leastLoaded(health);
		health.start(this.heavy);
		for (int i = 0; i < 100; i++) {
			assertThat(leastLoaded.choose(List.of(this.heavy, this.light), null)).isSameAs(this.light);
		}
	}

	@Test
	void refusesAWeightThatIsNotAPositiveInteger() {
		assertThatIllegalArgumentException().isThrownBy(() -> Choosers.weight(instance(8003, Map.of("weight", "0"))))
			.withMessageContaining("positive integer");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Choosers.weight(instance(8003, Map.of("weight", "heavy"))));
	}

	@Test
	void namesTheKnownStrategiesWhenOneIsUnknown() {
		assertThat(Strategy.of("least-loaded")).isEqualTo(Strategy.LEAST_LOADED);
		assertThat(Strategy.of(" Key-Ring ")).isEqualTo(Strategy.KEY_RING);
		assertThatIllegalArgumentException().isThrownBy(() -> Strategy.of("fastest"))
			.withMessageContaining("round-robin, random, weighted, least-loaded, key-ring");
	}

	private static ServiceInstance instance(int port, Map<String, String> metadata) {
		return new DefaultServiceInstance("i" + port, "s", "127.0.0.1", port, false, metadata);
	}

}
