package org.dsplatform.common.health;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import static org.assertj.core.api.Assertions.assertThat;

class KafkaHealthIndicatorIntegrationTests {

	@Test
	void isUpWithTheClusterIdWhenTheBrokerAnswers() {
		EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1);
		broker.afterPropertiesSet();
		try (Admin admin = admin(broker.getBrokersAsString())) {
			Health health = new KafkaHealthIndicator(admin, Duration.ofSeconds(5)).health(true);
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("brokers", 1).containsKey("clusterId");
		}
		finally {
			broker.destroy();
		}
	}

	@Test
	void isDownWithinItsTimeoutWhenNoBrokerListens() throws Exception {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		try (Admin admin = admin("127.0.0.1:" + closedPort)) {
			long begin = System.nanoTime();
			Health health = new KafkaHealthIndicator(admin, Duration.ofMillis(500)).health(true);
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(Duration.ofNanos(System.nanoTime() - begin)).isLessThan(Duration.ofSeconds(3));
		}
	}

	private static Admin admin(String bootstrap) {
		return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
				AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 1000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
				1000));
	}

}
