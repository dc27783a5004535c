package org.dsplatform.common;

import java.time.Duration;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.dsplatform.common.health.KafkaHealthIndicator;
import org.dsplatform.common.node.NodeInfoController;
import org.dsplatform.common.node.NodeProperties;
import org.dsplatform.common.problem.ServletProblemHandler;
import org.dsplatform.common.trace.RequestIdFilter;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;

/**
 * Wires what every platform service has: its node identity, request ids on every request
 * and problem document, and, where the service talks to Kafka, a Kafka health
 * contributor.
 */
@AutoConfiguration
@EnableConfigurationProperties(NodeProperties.class)
public class PlatformAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	@Import(ServletProblemHandler.class)
	static class ServletProblemConfiguration {

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	static class RequestIdConfiguration {

		@Bean
		@ConditionalOnMissingBean
		RequestIdFilter requestIdFilter() {
			return new RequestIdFilter();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	@ConditionalOnProperty("platform.info-path")
	@Import(NodeInfoController.class)
	static class NodeInfoConfiguration {

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ Admin.class, HealthIndicator.class })
	@ConditionalOnProperty("spring.kafka.bootstrap-servers")
	static class KafkaHealthConfiguration {

		private static final Duration TIMEOUT = Duration.ofSeconds(2);

		@Bean(destroyMethod = "close")
		@ConditionalOnMissingBean(name = "kafkaHealthAdmin")
		Admin kafkaHealthAdmin(Environment environment) {
			return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
					environment.getRequiredProperty("spring.kafka.bootstrap-servers"),
					AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis(),
					AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis(),
					// A broker that is down is reported by the health endpoint; reconnect
					// slowly so it does not
					// also flood the log.
					AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 5_000, AdminClientConfig.CLIENT_ID_CONFIG,
					"health-" + environment.getProperty("platform.node-id", "node")));
		}

		@Bean
		@ConditionalOnMissingBean(name = "kafkaHealthIndicator")
		KafkaHealthIndicator kafkaHealthIndicator(Admin kafkaHealthAdmin) {
			return new KafkaHealthIndicator(kafkaHealthAdmin, TIMEOUT);
		}

	}

}
