package org.dsplatform.lock.api;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.annotation.Configuration;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.MethodParameter;
import org.springframework.core.ParameterNameDiscoverer;
import org.springframework.util.StringUtils;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Refuses a query parameter that the lock endpoint does not declare, naming it, so that a
 * typo ({@code ?limt=5}) is reported instead of silently ignored.
 */
@Configuration(proxyBeanMethods = false)
class KnownParametersConfiguration implements WebMvcConfigurer {

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(new KnownParameters()).addPathPatterns("/api/locks/**");
	}

	/**
	 * Compares the request's parameters with the handler method's {@code @RequestParam}s.
	 */
	static final class KnownParameters implements HandlerInterceptor {

		private static final ParameterNameDiscoverer NAMES = new DefaultParameterNameDiscoverer();

		private final Map<Method, Set<String>> declared = new ConcurrentHashMap<>();

		@Override
		public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
			if (handler instanceof HandlerMethod method) {
				Set<String> allowed = this.declared.computeIfAbsent(method.getMethod(),
						(key) -> declaredParameters(method));
				for (String name : request.getParameterMap().keySet()) {
					if (!allowed.contains(name)) {
						throw new InvalidRequestException(name, "Unknown parameter '" + name + "'; this endpoint takes "
								+ (allowed.isEmpty() ? "none" : String.join(", ", allowed)));
					}
				}
			}
			return true;
		}

		private static Set<String> declaredParameters(HandlerMethod method) {
			String[] discovered = NAMES.getParameterNames(method.getMethod());
			Set<String> names = new TreeSet<>();
			for (MethodParameter parameter : method.getMethodParameters()) {
				RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
				if (param != null) {
					names.add(StringUtils.hasText(param.name()) ? param.name()
							: discovered[parameter.getParameterIndex()]);
				}
			}
			return names;
		}

	}

}
