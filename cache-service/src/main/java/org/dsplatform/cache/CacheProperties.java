package org.dsplatform.cache;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Configuration of a cache node.
 *
 * @param advertisedUrl the base URL other nodes and the gateway reach this node at
 * @param kvUrls the kv nodes (read-through and the ring registry)
 * @param seedMembers the ring to use until the registry answers: {@code id=url}, comma
 * separated
 * @param replicas how many nodes hold each key (owner included)
 * @param virtualNodes points per node on the ring
 * @param registryTtl the lease of this node's registration; a dead node leaves the ring
 * this long after it died
 * @param maxBytes the most the local store holds (keys and values)
 * @param maxKeyBytes the longest key, in UTF-8 bytes
 * @param maxValueBytes the largest value, in UTF-8 bytes
 * @param maxTtl the longest time to live of an entry
 * @param peerTimeout how long a forwarded or replicated request may take
 */
@ConfigurationProperties("cache")
public record CacheProperties(String advertisedUrl, @DefaultValue("http://127.0.0.1:8101") List<URI> kvUrls,
		@DefaultValue("") String seedMembers, @DefaultValue("2") int replicas, @DefaultValue("1000") int virtualNodes,
		@DefaultValue("3s") Duration registryTtl, @DefaultValue("64MB") DataSize maxBytes,
		@DefaultValue("1024") int maxKeyBytes, @DefaultValue("1MB") DataSize maxValueBytes,
		@DefaultValue("1d") Duration maxTtl, @DefaultValue("2s") Duration peerTimeout) {

	/** The seed members as a map from id to URL. */
	public Map<String, String> seedMap() {
		Map<String, String> map = new LinkedHashMap<>();
		for (String member : this.seedMembers.split(",")) {
			if (member.isBlank()) {
				continue;
			}
			String[] parts = member.trim().split("=", 2);
			if (parts.length != 2) {
				throw new IllegalArgumentException("cache.seed-members: '" + member + "' is not id=url");
			}
			map.put(parts[0].trim(), parts[1].trim());
		}
		return map;
	}

}
