package org.dsplatform.cache.store;

/**
 * A cached value.
 *
 * @param value the value
 * @param revision the KV modification revision it reflects, or 0 for a value written to
 * the cache directly
 * @param ttlNanos how long it lives from when it was stored; 0 for as long as the store
 * keeps it
 */
public record CacheEntry(String value, long revision, long ttlNanos) {

	int weight(String key) {
		return 64 + 2 * (key.length() + this.value.length());
	}

}
