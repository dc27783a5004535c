package org.dsplatform.cache.invalidation;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.dsplatform.cache.store.CacheStore;
import org.dsplatform.common.event.KvChange;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Applies the KV's change stream to this node's store: an entry older than an announced
 * change is replaced by the new value or dropped. Every node reads every change (its own
 * consumer group), committed records only. Replays and duplicates are harmless: a change
 * never replaces a newer entry.
 */
@Component
class ChangeListener {

	private final CacheStore store;

	private final JsonMapper json;

	private final Counter applied;

	ChangeListener(CacheStore store, JsonMapper json, MeterRegistry meters) {
		this.store = store;
		this.json = json;
		this.applied = Counter.builder("cache.invalidations")
			.description("Cached entries replaced or dropped by a KV change")
			.register(meters);
	}

	@KafkaListener(topics = KvChange.TOPIC, groupId = "cache-${platform.node-id}",
			properties = { "isolation.level=read_committed", "auto.offset.reset=latest" })
	void onChange(String record) {
		KvChange change = this.json.readValue(record, KvChange.class);
		if (this.store.changed(change.key(), change.revision(), change.isDelete() ? null : change.value())) {
			this.applied.increment();
		}
	}

}
