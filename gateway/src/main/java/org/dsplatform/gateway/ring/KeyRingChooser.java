package org.dsplatform.gateway.ring;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.dsplatform.common.ring.HashRing;
import org.dsplatform.common.ring.RingMembership;
import org.dsplatform.gateway.balance.InstanceChooser;
import org.dsplatform.gateway.balance.SourcedInstances;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.Request;
import org.springframework.cloud.client.loadbalancer.RequestDataContext;
import org.springframework.web.util.UriUtils;

/**
 * Sends a cache request straight to its key's owner: the key of the path is hashed onto
 * the same ring the cache nodes use (followed from the same registry), and the first
 * member along the ring that is among the candidates gets the request, so a dead owner's
 * keys go to their replica. Requests without a key (ring, stats) are spread round-robin.
 */
class KeyRingChooser implements InstanceChooser {

	static final String KEYS_PATH = "/api/cache/keys/";

	private final RingMembership membership;

	private final AtomicInteger roundRobin = new AtomicInteger();

	KeyRingChooser(RingMembership membership) {
		this.membership = membership;
	}

	@Override
	public ServiceInstance choose(List<ServiceInstance> candidates, Request<?> request) {
		return choose(candidates, keyOf(request));
	}

	ServiceInstance choose(List<ServiceInstance> candidates, String key) {
		HashRing ring = this.membership.ring();
		if (key != null && !ring.isEmpty()) {
			for (String member : ring.owners(key, ring.members().size())) {
				for (ServiceInstance candidate : candidates) {
					if (member.equals(nodeId(candidate))) {
						return candidate;
					}
				}
			}
		}
		return candidates.get(Math.floorMod(this.roundRobin.getAndIncrement(), candidates.size()));
	}

	static String nodeId(ServiceInstance instance) {
		return SourcedInstances.nodeId(instance);
	}

	private static String keyOf(Request<?> request) {
		if (request.getContext() instanceof RequestDataContext context && context.getClientRequest() != null) {
			String path = context.getClientRequest().getUrl().getRawPath();
			if (path != null && path.startsWith(KEYS_PATH) && path.length() > KEYS_PATH.length()) {
				return UriUtils.decode(path.substring(KEYS_PATH.length()), StandardCharsets.UTF_8);
			}
		}
		return null;
	}

}
