package org.dsplatform.gateway.ring;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.dsplatform.common.ring.HashRing;
import org.dsplatform.common.ring.RingMembership;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.DefaultResponse;
import org.springframework.cloud.client.loadbalancer.EmptyResponse;
import org.springframework.cloud.client.loadbalancer.Request;
import org.springframework.cloud.client.loadbalancer.RequestDataContext;
import org.springframework.cloud.client.loadbalancer.Response;
import org.springframework.cloud.loadbalancer.core.ReactorServiceInstanceLoadBalancer;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.web.util.UriUtils;

/**
 * Sends a cache request straight to its key's owner: the key of the path is hashed onto
 * the same ring the cache nodes use (followed from the same registry), and the first
 * member along the ring that is among the healthy instances gets the request, so a dead
 * owner's keys go to their replica. Requests without a key (ring, stats) are spread
 * round-robin.
 */
public class CacheRingLoadBalancer implements ReactorServiceInstanceLoadBalancer {

	static final String KEYS_PATH = "/api/cache/keys/";

	private final ObjectProvider<ServiceInstanceListSupplier> instances;

	private final RingMembership membership;

	private final AtomicInteger roundRobin = new AtomicInteger();

	public CacheRingLoadBalancer(ObjectProvider<ServiceInstanceListSupplier> instances, RingMembership membership) {
		this.instances = instances;
		this.membership = membership;
	}

	@Override
	public Mono<Response<ServiceInstance>> choose(Request request) {
		ServiceInstanceListSupplier supplier = this.instances.getIfAvailable();
		if (supplier == null) {
			return Mono.just(new EmptyResponse());
		}
		String key = keyOf(request);
		return supplier.get(request).next().map((candidates) -> choose(candidates, key));
	}

	Response<ServiceInstance> choose(List<ServiceInstance> candidates, String key) {
		if (candidates.isEmpty()) {
			return new EmptyResponse();
		}
		HashRing ring = this.membership.ring();
		if (key != null && !ring.isEmpty()) {
			for (String member : ring.owners(key, ring.members().size())) {
				for (ServiceInstance candidate : candidates) {
					if (member.equals(nodeId(candidate))) {
						return new DefaultResponse(candidate);
					}
				}
			}
		}
		return new DefaultResponse(candidates.get(Math.floorMod(this.roundRobin.getAndIncrement(), candidates.size())));
	}

	static String nodeId(ServiceInstance instance) {
		String nodeId = instance.getMetadata().get("node-id");
		return (nodeId != null) ? nodeId : instance.getInstanceId();
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
