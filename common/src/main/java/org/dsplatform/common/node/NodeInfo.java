package org.dsplatform.common.node;

import org.springframework.boot.info.BuildProperties;

/**
 * What a service says of itself at {@code GET /api/<service>/info}.
 *
 * @param service the service name ({@code spring.application.name})
 * @param nodeId the instance that answered
 * @param version the build version, {@code unknown} when the service runs without build
 * info
 */
public record NodeInfo(String service, String nodeId, String version) {

	public static NodeInfo of(String service, NodeProperties node, BuildProperties build) {
		return new NodeInfo(service, node.nodeId(), (build != null) ? build.getVersion() : "unknown");
	}

}
