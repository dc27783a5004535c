package org.dsplatform.gateway.security;

import org.dsplatform.gateway.problem.ProblemResponses;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * API keys at the door, and the services' internal headers kept out.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecurityProperties.class)
class SecurityConfiguration {

	@Bean
	ApiKeyWebFilter apiKeyWebFilter(SecurityProperties properties, ProblemResponses problems) {
		return new ApiKeyWebFilter(properties, problems);
	}

	@Bean
	InternalHeadersWebFilter internalHeadersWebFilter(SecurityProperties properties) {
		return new InternalHeadersWebFilter(properties.internalHeaders());
	}

}
