package org.dsplatform.cache.api;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import com.github.benmanes.caffeine.cache.stats.CacheStats;
import jakarta.servlet.http.HttpServletRequest;
import org.dsplatform.cache.node.CacheNode;
import org.dsplatform.common.ring.HashRing;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The ring as this node sees it, and this node's cache statistics.
 */
@RestController
class RingController {

	private final CacheNode node;

	RingController(CacheNode node) {
		this.node = node;
	}

	@GetMapping("/api/cache/ring")
	Map<String, Object> ring(HttpServletRequest request) {
		CacheController.onlyParameters(request, Set.of());
		HashRing ring = this.node.ring().ring();
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("answeredBy", this.node.nodeId());
		answer.put("version", ring.version());
		answer.put("members", ring.members());
		answer.put("urls",
				ring.members()
					.stream()
					.collect(java.util.stream.Collectors.toMap((m) -> m, (m) -> String.valueOf(this.node.ring().url(m)),
							(a, b) -> a, java.util.TreeMap::new)));
		answer.put("virtualNodes", ring.virtualNodes());
		answer.put("replicas", this.node.ring().replicas());
		answer.put("ownershipShare", ring.ownershipShares());
		return answer;
	}

	@GetMapping("/api/cache/stats")
	Map<String, Object> stats(HttpServletRequest request) {
		CacheController.onlyParameters(request, Set.of());
		CacheStats stats = this.node.store().stats();
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("node", this.node.nodeId());
		answer.put("hits", stats.hitCount());
		answer.put("misses", stats.missCount());
		answer.put("evictions", this.node.store().evictions());
		answer.put("size", this.node.store().size());
		answer.put("keysMoved", this.node.ring().keysMoved());
		answer.put("ringVersion", this.node.ring().ring().version());
		return answer;
	}

}
