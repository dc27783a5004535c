package org.dsplatform.gateway.security;

import java.util.List;

import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The role each request needs. Only the services' APIs ({@code /api/**}) are guarded; the
 * gateway's own actuator and the API documentation are open, so probes and readers of the
 * docs need no key.
 */
final class AccessRules {

	private static final PathPattern API = PathPatternParser.defaultInstance.parse("/api/**");

	private static final PathPattern API_DOCS = PathPatternParser.defaultInstance.parse("/api/*/openapi/**");

	private static final PathPattern API_DOCS_YAML = PathPatternParser.defaultInstance.parse("/api/*/openapi.yaml");

	/** Operations on the platform itself. */
	private static final List<Rule> ADMIN = List.of(new Rule(HttpMethod.POST, "/api/kv/cluster/leader"),
			new Rule(HttpMethod.POST, "/api/kv/cluster/members"),
			new Rule(HttpMethod.DELETE, "/api/kv/cluster/members/**"));

	private AccessRules() {
	}

	/**
	 * The role the request needs, or {@code null} when it needs none.
	 */
	static Role required(ServerHttpRequest request) {
		PathContainer path = request.getPath().pathWithinApplication();
		if (!API.matches(path) || API_DOCS.matches(path) || API_DOCS_YAML.matches(path)) {
			return null;
		}
		HttpMethod method = request.getMethod();
		for (Rule rule : ADMIN) {
			if (rule.method().equals(method) && rule.pattern().matches(path)) {
				return Role.ADMIN;
			}
		}
		return (HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method)) ? Role.READ : Role.WRITE;
	}

	private record Rule(HttpMethod method, PathPattern pattern) {

		Rule(HttpMethod method, String pattern) {
			this(method, PathPatternParser.defaultInstance.parse(pattern));
		}

	}

}
