package org.dsplatform.cache.node;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.dsplatform.cache.ring.CacheRing;
import org.dsplatform.cache.store.CacheEntry;
import org.dsplatform.cache.store.CacheStore;
import org.dsplatform.common.kv.KeyPaths;
import org.dsplatform.common.kv.KvHttpClient;
import org.dsplatform.common.ring.HashRing;
import tools.jackson.databind.json.JsonMapper;

/**
 * What one cache node does with the keys it holds: serves them, reads them through from
 * the KV on a miss (one KV read per key however many requests miss at once), replicates
 * writes to the key's other holders, and hands keys over when the ring changes.
 */
public final class CacheNode {

	private static final Log log = LogFactory.getLog(CacheNode.class);

	/** How many handoff sends may be under way at once. */
	private static final int HANDOFF_WINDOW = 32;

	private final CacheRing ring;

	private final CacheStore store;

	private final KvHttpClient kv;

	private final PeerClient peers;

	private final ExecutorService kvReads;

	private final JsonMapper json = JsonMapper.builder().build();

	private final Map<String, CompletableFuture<Optional<CacheEntry>>> inFlight = new ConcurrentHashMap<>();

	public CacheNode(CacheRing ring, CacheStore store, KvHttpClient kv, PeerClient peers, ExecutorService kvReads) {
		this.ring = ring;
		this.store = store;
		this.kv = kv;
		this.peers = peers;
		this.kvReads = kvReads;
	}

	public String nodeId() {
		return this.ring.nodeId();
	}

	public CacheRing ring() {
		return this.ring;
	}

	public CacheStore store() {
		return this.store;
	}

	public Optional<CacheEntry> get(String key) {
		return this.store.get(key);
	}

	/**
	 * Reads a key through from the KV (linearizably) and caches it with its revision.
	 * Concurrent misses of the same key share one KV read.
	 */
	public CompletableFuture<Optional<CacheEntry>> readThrough(String key) {
		CompletableFuture<Optional<CacheEntry>> mine = new CompletableFuture<>();
		CompletableFuture<Optional<CacheEntry>> shared = this.inFlight.putIfAbsent(key, mine);
		if (shared != null) {
			return shared;
		}
		this.kvReads.execute(() -> {
			try {
				Optional<CacheEntry> entry = this.kv.get(key)
					.map((read) -> new CacheEntry(read.value(), read.modRevision(), 0));
				entry.ifPresent((read) -> this.store.fill(key, read));
				mine.complete(entry);
			}
			catch (RuntimeException ex) {
				mine.completeExceptionally(ex);
			}
			finally {
				this.inFlight.remove(key, mine);
			}
		});
		return mine;
	}

	/**
	 * Stores a value here and, unless this is itself a replica write, on the key's other
	 * holders.
	 * @return the holders that stored it, this node first
	 */
	public List<String> put(String key, CacheEntry entry, String pathAndQuery, String body, boolean replicaWrite) {
		if (entry.revision() > 0) {
			// A value read from the KV, handed over by its previous holder: it must not
			// replace a newer one, nor bring back one a change announced here replaced.
			this.store.fill(key, entry);
		}
		else {
			this.store.put(key, entry);
		}
		return replicaWrite ? List.of(nodeId()) : replicate(key, "PUT", pathAndQuery, body);
	}

	public List<String> delete(String key, String pathAndQuery, boolean replicaWrite) {
		this.store.remove(key);
		return replicaWrite ? List.of(nodeId()) : replicate(key, "DELETE", pathAndQuery, null);
	}

	private List<String> replicate(String key, String method, String pathAndQuery, String body) {
		List<String> stored = new ArrayList<>(List.of(nodeId()));
		for (String holder : this.ring.owners(key)) {
			String url = this.ring.url(holder);
			if (holder.equals(nodeId()) || url == null) {
				continue;
			}
			boolean ok = this.peers.send(url, method, pathAndQuery, body, PeerClient.REPLICA, nodeId())
				.map((response) -> response.statusCode() < 300 || response.statusCode() == 404)
				.orElse(false);
			if (ok) {
				stored.add(holder);
			}
			else {
				log.warn("Replica " + holder + " did not take " + method + " " + key);
			}
		}
		return stored;
	}

	/**
	 * Applies a ring change to the keys held here (see {@link Handoff}): sends each key
	 * to the new holders this node is responsible for, many at a time, and drops the keys
	 * this node no longer holds (their copy for the new holders is taken first).
	 */
	public void handoff(HashRing previous, HashRing current) {
		List<CompletableFuture<Boolean>> sends = new ArrayList<>();
		long moved = 0;
		long dropped = 0;
		for (Map.Entry<String, CacheEntry> held : this.store.snapshot().entrySet()) {
			String key = held.getKey();
			Handoff handoff = Handoff.of(nodeId(), key, previous, current, this.ring.replicas());
			if (!handoff.sendTo().isEmpty()) {
				String body = handedOver(held.getValue());
				for (String holder : handoff.sendTo()) {
					String url = this.ring.url(holder);
					if (url != null) {
						sends.add(this.peers
							.sendAsync(url, "PUT", "/api/cache/keys/" + KeyPaths.encode(key), body, PeerClient.REPLICA,
									nodeId())
							.thenApply(
									(answer) -> answer.filter((response) -> response.statusCode() < 300).isPresent()));
						moved++;
					}
				}
			}
			if (!handoff.keep()) {
				this.store.remove(key);
				dropped++;
			}
			if (sends.size() >= HANDOFF_WINDOW) {
				awaitAll(sends);
			}
		}
		long failed = awaitAll(sends);
		this.ring.countMoved(moved);
		log.info("Ring changed from version " + previous.version() + " to " + current.version() + "; sent " + moved
				+ " keys to their new holders" + ((failed > 0) ? " (" + failed + " not taken)" : "") + ", dropped "
				+ dropped + " no longer held here");
	}

	private String handedOver(CacheEntry entry) {
		Map<String, Object> handed = new LinkedHashMap<>();
		handed.put("value", entry.value());
		// An entry without a TTL is handed over without one: a ttlMs of 0 would be
		// refused.
		if (entry.ttlNanos() > 0) {
			handed.put("ttlMs", Math.max(1, Duration.ofNanos(entry.ttlNanos()).toMillis()));
		}
		handed.put("revision", entry.revision());
		return this.json.writeValueAsString(handed);
	}

	/** Waits for the sends under way; the number that failed. */
	private static long awaitAll(List<CompletableFuture<Boolean>> sends) {
		long failed = sends.stream().filter((send) -> !send.join()).count();
		sends.clear();
		return failed;
	}

}
