package org.dsplatform.kv.api;

import org.dsplatform.common.node.NodeInfo;
import org.dsplatform.common.node.NodeProperties;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.info.BuildProperties;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
class KvInfoController {

	private final NodeInfo info;

	KvInfoController(@Value("${spring.application.name}") String service, NodeProperties node,
			ObjectProvider<BuildProperties> build) {
		this.info = NodeInfo.of(service, node, build.getIfAvailable());
	}

	@GetMapping("/api/kv/info")
	NodeInfo info() {
		return this.info;
	}

}
