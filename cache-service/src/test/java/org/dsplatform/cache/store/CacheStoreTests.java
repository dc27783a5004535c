package org.dsplatform.cache.store;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CacheStoreTests {

	private final AtomicLong now = new AtomicLong();

	private final CacheStore store = new CacheStore(1_000_000, this.now::get);

	@Test
	void replacesAnEntryOlderThanAnAnnouncedChange() {
		this.store.fill("k", new CacheEntry("v1", 10, 0));
		assertThat(this.store.changed("k", 12, "v2")).isTrue();
		assertThat(this.store.get("k")).contains(new CacheEntry("v2", 12, 0));
		assertThat(this.store.changed("k", 11, "stale duplicate")).isFalse();
		assertThat(this.store.get("k").orElseThrow().value()).isEqualTo("v2");
		assertThat(this.store.changed("k", 13, null)).isTrue();
		assertThat(this.store.get("k")).isEmpty();
	}

	@Test
	void refusesAReadThroughFillOlderThanAChangeAnnouncedMeanwhile() {
		// The KV was read at revision 5; before the fill landed, the change to revision 6
		// was announced.
		this.store.changed("k", 6, "new");
		assertThat(this.store.fill("k", new CacheEntry("old", 5, 0))).isFalse();
		assertThat(this.store.get("k")).isEmpty();
		assertThat(this.store.fill("k", new CacheEntry("new", 6, 0))).isTrue();
		assertThat(this.store.get("k").orElseThrow().value()).isEqualTo("new");
		assertThat(this.store.fill("k", new CacheEntry("older", 4, 0))).isFalse();
	}

	@Test
	void leavesAKeyThatIsNotCachedUncachedWhenItChanges() {
		assertThat(this.store.changed("absent", 3, "v")).isFalse();
		assertThat(this.store.peek("absent")).isEmpty();
	}

	@Test
	void expiresEachEntryAfterItsOwnTimeToLive() {
		this.store.put("short", new CacheEntry("v", 0, Duration.ofSeconds(1).toNanos()));
		this.store.put("long", new CacheEntry("v", 0, Duration.ofSeconds(10).toNanos()));
		this.store.put("forever", new CacheEntry("v", 0, 0));
		this.now.addAndGet(Duration.ofSeconds(2).toNanos());
		assertThat(this.store.get("short")).isEmpty();
		assertThat(this.store.get("long")).isPresent();
		this.now.addAndGet(Duration.ofDays(365).toNanos());
		assertThat(this.store.get("long")).isEmpty();
		assertThat(this.store.get("forever")).isPresent();
	}

	@Test
	void snapshotsEachEntryWithTheTimeItHasLeftToLive() {
		this.store.put("short", new CacheEntry("v", 7, Duration.ofSeconds(10).toNanos()));
		this.store.put("forever", new CacheEntry("v", 8, 0));
		this.store.put("gone", new CacheEntry("v", 9, Duration.ofSeconds(3).toNanos()));
		this.now.addAndGet(Duration.ofSeconds(4).toNanos());
		assertThat(this.store.snapshot()).containsOnly(
				Map.entry("short", new CacheEntry("v", 7, Duration.ofSeconds(6).toNanos())),
				Map.entry("forever", new CacheEntry("v", 8, 0)));
	}

	@Test
	void staysWithinItsWeightByEvicting() {
		CacheStore small = new CacheStore(10_000, this.now::get);
		for (int i = 0; i < 1000; i++) {
			small.put("key-" + i, new CacheEntry("x".repeat(100), 0, 0));
		}
		assertThat(small.size()).isLessThan(100);
		assertThat(small.evictions()).isGreaterThan(900);
	}

	@Test
	void countsHitsAndMisses() {
		this.store.put("k", new CacheEntry("v", 0, 0));
		this.store.get("k");
		this.store.get("nope");
		assertThat(this.store.stats().hitCount()).isEqualTo(1);
		assertThat(this.store.stats().missCount()).isEqualTo(1);
	}

}
