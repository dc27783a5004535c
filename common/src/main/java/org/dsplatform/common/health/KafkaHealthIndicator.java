package org.dsplatform.common.health;

import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.common.Node;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Reports whether the Kafka cluster answers a metadata request within a bounded time.
 * <p>
 * Thread-safe. A call never blocks longer than the configured timeout, so a broker that
 * is down makes the component {@code DOWN} instead of stalling the health endpoint.
 */
public class KafkaHealthIndicator extends AbstractHealthIndicator {

	private final Admin admin;

	private final Duration timeout;

	public KafkaHealthIndicator(Admin admin, Duration timeout) {
		super("Kafka health check failed");
		this.admin = admin;
		this.timeout = timeout;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) throws Exception {
		DescribeClusterResult cluster = this.admin
			.describeCluster(new DescribeClusterOptions().timeoutMs((int) this.timeout.toMillis()));
		String clusterId = cluster.clusterId().get(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
		Collection<Node> nodes = cluster.nodes().get(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
		builder.up().withDetail("clusterId", clusterId).withDetail("brokers", nodes.size());
	}

}
