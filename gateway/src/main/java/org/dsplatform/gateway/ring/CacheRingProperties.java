package org.dsplatform.gateway.ring;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the gateway follows the cache ring.
 *
 * @param kvUrls the kv nodes holding the ring registry
 * @param seedMembers the ring to use until the registry answers: {@code id=url}, comma
 * separated
 * @param virtualNodes points per node, as the cache nodes use
 * @param serviceId the service whose instances are the ring's members
 */
@ConfigurationProperties("gateway.cache-ring")
public record CacheRingProperties(@DefaultValue("http://127.0.0.1:8101") List<URI> kvUrls,
		@DefaultValue("") String seedMembers, @DefaultValue("1000") int virtualNodes,
		@DefaultValue("cache-service") String serviceId) {

	Map<String, String> seedMap() {
		Map<String, String> map = new LinkedHashMap<>();
		for (String member : this.seedMembers.split(",")) {
			String[] parts = member.trim().split("=", 2);
			if (parts.length == 2) {
				map.put(parts[0].trim(), parts[1].trim());
			}
		}
		return map;
	}

}
