package org.dsplatform.cache.ring;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

import org.dsplatform.cache.CacheProperties;
import org.dsplatform.common.kv.KvHttpClient;
import org.dsplatform.common.ring.HashRing;
import org.dsplatform.common.ring.RingMembership;

/**
 * This node's view of the cache ring: who owns which key (owner plus replicas), kept
 * current from the registry, with this node registered in it while it runs. On a ring
 * change the previous holder of a key that moved hands it to its new owners (and keeps it
 * only if it is still one of them), counted in {@link #keysMoved()}.
 */
public final class CacheRing implements AutoCloseable {

	/** Where cache nodes register: {@code registry/cache/<nodeId>}. */
	public static final String REGISTRY_PREFIX = "registry/cache/";

	private final String nodeId;

	private final int replicas;

	private final RingMembership membership;

	private final Registration registration;

	private final AtomicLong keysMoved = new AtomicLong();

	public CacheRing(String nodeId, CacheProperties properties, KvHttpClient kv) {
		this.nodeId = nodeId;
		this.replicas = properties.replicas();
		Map<String, String> seed = properties.seedMap().isEmpty() ? Map.of(nodeId, properties.advertisedUrl())
				: properties.seedMap();
		this.membership = new RingMembership(kv, REGISTRY_PREFIX, seed, properties.virtualNodes());
		this.registration = new Registration(kv.withOwnRotation(), REGISTRY_PREFIX + nodeId, properties.advertisedUrl(),
				properties.registryTtl());
	}

	/**
	 * Starts following the registry; {@code handoff} is called for each ring change with
	 * the previous and the new ring.
	 */
	public CacheRing start(BiConsumer<HashRing, HashRing> handoff) {
		HashRing[] previous = { this.membership.ring() };
		this.membership.onChange((ring) -> {
			handoff.accept(previous[0], ring);
			previous[0] = ring;
		});
		this.membership.start();
		return this;
	}

	/**
	 * Registers this node, which joins the ring: call it once the node serves requests,
	 * since the other nodes hand it its keys as soon as they see it.
	 */
	public void join() {
		this.registration.start();
	}

	public String nodeId() {
		return this.nodeId;
	}

	public HashRing ring() {
		return this.membership.ring();
	}

	/** The nodes that hold a key, owner first. */
	public List<String> owners(String key) {
		return ring().owners(key, this.replicas);
	}

	public boolean holds(String key) {
		return owners(key).contains(this.nodeId);
	}

	/** The base URL of a member, or {@code null} if it is not one. */
	public String url(String member) {
		return this.membership.urls().get(member);
	}

	public int replicas() {
		return this.replicas;
	}

	public long keysMoved() {
		return this.keysMoved.get();
	}

	public void countMoved(long keys) {
		this.keysMoved.addAndGet(keys);
	}

	@Override
	public void close() {
		this.registration.close();
		this.membership.close();
	}

}
