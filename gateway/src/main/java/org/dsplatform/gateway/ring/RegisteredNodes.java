package org.dsplatform.gateway.ring;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.dsplatform.common.ring.RingMembership;

import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;

/**
 * The cache nodes as the ring registry lists them (at first the seed members), as
 * instances of the cache service named by their node id. The gateway balances the cache
 * route over these rather than over a fixed list, so a node that joins by registering
 * gets its keys straight from the gateway, without a forwarding hop.
 */
final class RegisteredNodes {

	private static final Log log = LogFactory.getLog(RegisteredNodes.class);

	private final RingMembership membership;

	private final String serviceId;

	private volatile Map<String, String> listedUrls = Map.of();

	private volatile List<ServiceInstance> listed = List.of();

	RegisteredNodes(RingMembership membership, String serviceId) {
		this.membership = membership;
		this.serviceId = serviceId;
	}

	/** The registered nodes now, in member order. */
	List<ServiceInstance> instances() {
		Map<String, String> urls = this.membership.urls();
		if (urls != this.listedUrls) {
			// The membership replaces its map on every change: rebuild only then.
			this.listed = instances(this.serviceId, urls);
			this.listedUrls = urls;
		}
		return this.listed;
	}

	static List<ServiceInstance> instances(String serviceId, Map<String, String> urls) {
		List<ServiceInstance> instances = new ArrayList<>();
		urls.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach((member) -> {
			try {
				URI uri = URI.create(member.getValue());
				if (uri.getHost() == null || uri.getPort() < 0) {
					throw new IllegalArgumentException("no host and port");
				}
				instances.add(new DefaultServiceInstance(member.getKey(), serviceId, uri.getHost(), uri.getPort(),
						"https".equals(uri.getScheme()), Map.of("node-id", member.getKey())));
			}
			catch (IllegalArgumentException ex) {
				log.warn("Ignoring cache node " + member.getKey() + ": its registered URL '" + member.getValue()
						+ "' is not http(s)://host:port (" + ex.getMessage() + ")");
			}
		});
		return List.copyOf(instances);
	}

}
