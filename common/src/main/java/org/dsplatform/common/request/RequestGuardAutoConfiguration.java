package org.dsplatform.common.request;

import org.apache.catalina.startup.Tomcat;
import org.dsplatform.common.problem.ContainerProblemHandler;
import org.dsplatform.common.problem.ProblemErrorController;
import org.dsplatform.common.problem.ProblemErrorReportValve;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

/**
 * Guards every servlet service against malformed and oversized requests: request bodies
 * are bounded ({@code platform.max-request-body-size}, 8 MB unless set) and read as
 * strict JSON, and whatever the container refuses itself, before or after the
 * application, is answered with a problem document like every other error. Runs before
 * Spring Boot's error handling so that its error controller stands back.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class RequestGuardAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	RequestBodyLimitFilter requestBodyLimitFilter(
			@Value("${platform.max-request-body-size:8MB}") String maxRequestBodySize) {
		return new RequestBodyLimitFilter(DataSize.parse(maxRequestBodySize));
	}

	@Bean
	StrictJsonBodies strictJsonBodies() {
		return new StrictJsonBodies();
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(ErrorController.class)
	static class ErrorControllerConfiguration {

		@Bean
		@ConditionalOnMissingBean(ErrorController.class)
		ProblemErrorController problemErrorController() {
			return new ProblemErrorController();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ Tomcat.class, ConfigurableTomcatWebServerFactory.class })
	static class TomcatConfiguration {

		/**
		 * Runs after Spring Boot's own Tomcat customizer, which installs the error report
		 * valve this one replaces.
		 */
		@Bean
		WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> problemErrorReportValve() {
			return (factory) -> factory.addContextCustomizers(ProblemErrorReportValve::install);
		}

		@Bean
		ContainerProblemHandler containerProblemHandler() {
			return new ContainerProblemHandler();
		}

	}

}
