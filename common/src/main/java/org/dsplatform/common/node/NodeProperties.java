package org.dsplatform.common.node;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Identity of one running instance of a platform service.
 *
 * @param nodeId stable name of this instance (for example {@code kv-1}); it appears in
 * every log line and in every answer that says which node served a request
 */
@ConfigurationProperties("platform")
public record NodeProperties(String nodeId) {

	public NodeProperties {
		if (nodeId == null || nodeId.isBlank()) {
			throw new IllegalArgumentException("platform.node-id must be set");
		}
	}

}
