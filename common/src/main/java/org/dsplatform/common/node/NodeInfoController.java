package org.dsplatform.common.node;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.info.BuildProperties;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Answers {@code GET <platform.info-path>} (for example {@code /api/kv/info}) with the
 * service, the node that answered and its version.
 */
@RestController
public class NodeInfoController {

	private final NodeInfo info;

	public NodeInfoController(@Value("${spring.application.name}") String service, NodeProperties node,
			ObjectProvider<BuildProperties> build) {
		this.info = NodeInfo.of(service, node, build.getIfAvailable());
	}

	@GetMapping("${platform.info-path}")
	public NodeInfo info() {
		return this.info;
	}

}
