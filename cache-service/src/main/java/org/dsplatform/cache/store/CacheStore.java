package org.dsplatform.cache.store;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Policy.VarExpiration;
import com.github.benmanes.caffeine.cache.RemovalCause;
import com.github.benmanes.caffeine.cache.Ticker;
import com.github.benmanes.caffeine.cache.stats.CacheStats;

/**
 * This node's share of the cache: a Caffeine cache bounded by weight, with a time to live
 * per entry, that keeps the KV revision of what it holds.
 * <p>
 * Never older than announced: the store remembers the latest KV revision announced for
 * each recently changed key ({@link #changed}), and refuses a read-through fill older
 * than it ({@link #fill}), so a fill that raced with a change cannot bring the old value
 * back. Thread-safe; updates of one key are atomic.
 */
public final class CacheStore {

	private final Cache<String, CacheEntry> entries;

	private final Cache<String, Long> announced;

	private final AtomicLong evictions = new AtomicLong();

	public CacheStore(long maxBytes, Ticker ticker) {
		this.entries = Caffeine.newBuilder()
			.ticker(ticker)
			.maximumWeight(maxBytes)
			.weigher((String key, CacheEntry entry) -> entry.weight(key))
			.expireAfter(new PerEntryTtl())
			// Called as part of each eviction, unlike a removal listener, so the count is
			// never behind.
			.evictionListener((key, entry, cause) -> {
				if (cause == RemovalCause.SIZE || cause == RemovalCause.EXPIRED) {
					this.evictions.incrementAndGet();
				}
			})
			.recordStats()
			.build();
		// Long enough to outlive any read-through in flight when the change was
		// announced.
		this.announced = Caffeine.newBuilder()
			.ticker(ticker)
			.expireAfterWrite(10, TimeUnit.MINUTES)
			.maximumSize(1_000_000)
			.build();
	}

	/** The entry for a key, counting a hit or a miss. */
	public Optional<CacheEntry> get(String key) {
		return Optional.ofNullable(this.entries.getIfPresent(key));
	}

	/** The entry for a key without counting it (for handoff and replication). */
	public Optional<CacheEntry> peek(String key) {
		return Optional.ofNullable(this.entries.asMap().get(key));
	}

	/** Stores a value written to the cache directly. */
	public void put(String key, CacheEntry entry) {
		this.entries.put(key, entry);
	}

	/**
	 * Stores a value read from the KV, unless a newer revision of the key was announced
	 * meanwhile.
	 * @return whether it was stored
	 */
	public boolean fill(String key, CacheEntry entry) {
		boolean[] stored = new boolean[1];
		this.entries.asMap().compute(key, (k, current) -> {
			Long newest = this.announced.getIfPresent(k);
			if ((newest != null && entry.revision() < newest)
					|| (current != null && current.revision() > entry.revision())) {
				return current;
			}
			stored[0] = true;
			return entry;
		});
		return stored[0];
	}

	/**
	 * Applies a change announced by the KV: an entry older than it is replaced by the new
	 * value (or dropped for a delete); a key not cached stays uncached.
	 * @return whether a cached entry was replaced or dropped
	 */
	public boolean changed(String key, long revision, String newValue) {
		this.announced.asMap().merge(key, revision, Math::max);
		boolean[] touched = new boolean[1];
		this.entries.asMap().computeIfPresent(key, (k, current) -> {
			if (current.revision() >= revision) {
				return current;
			}
			touched[0] = true;
			return (newValue != null) ? new CacheEntry(newValue, revision, current.ttlNanos()) : null;
		});
		return touched[0];
	}

	public boolean remove(String key) {
		return this.entries.asMap().remove(key) != null;
	}

	/** The keys held now. */
	public Set<String> keys() {
		return Set.copyOf(this.entries.asMap().keySet());
	}

	/**
	 * The entries held now, each with the time it has left to live as its ttl (for a
	 * handoff: a key must not outlive its TTL by moving).
	 */
	public Map<String, CacheEntry> snapshot() {
		Map<String, CacheEntry> held = new HashMap<>();
		VarExpiration<String, CacheEntry> expiration = this.entries.policy().expireVariably().orElseThrow();
		this.entries.asMap().forEach((key, entry) -> {
			if (entry.ttlNanos() <= 0) {
				held.put(key, entry);
				return;
			}
			OptionalLong left = expiration.getExpiresAfter(key, TimeUnit.NANOSECONDS);
			if (left.isPresent() && left.getAsLong() > 0) {
				held.put(key, new CacheEntry(entry.value(), entry.revision(), left.getAsLong()));
			}
		});
		return held;
	}

	/** The number of entries, after pending evictions have run. */
	public long size() {
		this.entries.cleanUp();
		return this.entries.estimatedSize();
	}

	public CacheStats stats() {
		return this.entries.stats();
	}

	/** Entries removed because the store was full or their time to live passed. */
	public long evictions() {
		this.entries.cleanUp();
		return this.evictions.get();
	}

	private static final class PerEntryTtl implements Expiry<String, CacheEntry> {

		@Override
		public long expireAfterCreate(String key, CacheEntry entry, long currentTime) {
			return (entry.ttlNanos() > 0) ? entry.ttlNanos() : Long.MAX_VALUE;
		}

		@Override
		public long expireAfterUpdate(String key, CacheEntry entry, long currentTime, long currentDuration) {
			return expireAfterCreate(key, entry, currentTime);
		}

		@Override
		public long expireAfterRead(String key, CacheEntry entry, long currentTime, long currentDuration) {
			return currentDuration;
		}

	}

}
