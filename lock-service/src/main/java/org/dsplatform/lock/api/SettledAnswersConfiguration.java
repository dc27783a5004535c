package org.dsplatform.lock.api;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;

/**
 * Installs {@link SettledAnswers} once Spring MVC has built its handler chain.
 */
@Configuration(proxyBeanMethods = false)
class SettledAnswersConfiguration {

	@Bean
	SmartInitializingSingleton settledAnswersInstaller(RequestMappingHandlerAdapter adapter) {
		return SettledAnswers.installer(adapter);
	}

}
