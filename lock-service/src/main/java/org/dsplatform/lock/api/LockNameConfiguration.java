package org.dsplatform.lock.api;

import org.apache.catalina.connector.Connector;

import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Lets a percent-encoded {@code /} or {@code \} in a lock name reach the validator, which
 * answers with a problem document naming the field, instead of Tomcat rejecting the
 * request with an HTML page. Spring still splits the path on the raw slashes only, so an
 * encoded slash cannot change which endpoint is called.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(Connector.class)
class LockNameConfiguration {

	@Bean
	WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> encodedSlashesReachTheValidator() {
		return (factory) -> factory.addConnectorCustomizers((connector) -> {
			connector.setEncodedSolidusHandling("passthrough");
			connector.setEncodedReverseSolidusHandling("passthrough");
		});
	}

}
