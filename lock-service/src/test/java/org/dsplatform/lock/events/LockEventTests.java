package org.dsplatform.lock.events;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.dsplatform.lock.fencing.FencingToken;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class LockEventTests {

	static Map<String, String> entry(String type, String mode) {
		Map<String, String> fields = new HashMap<>(Map.of("type", type, "primitive", "rw", "name", "orders", "owner",
				"alice", "epoch", "5", "counter", "9", "at", "1700000000123", "node", "lock-2"));
		fields.put("mode", mode);
		return fields;
	}

	@Test
	void readsAnOutboxEntryWithTheFencingTokenOfItsEpochAndCounter() {
		LockEvent event = LockEvent.fromOutbox(entry("RELEASED", "w"));

		assertThat(event).isEqualTo(new LockEvent(LockEvent.Type.RELEASED, "rw", "orders", "alice", "write",
				FencingToken.of(5, 9), Instant.ofEpochMilli(1700000000123L), "lock-2"));
	}

	@Test
	void namesTheModeOnlyForReadWriteLocks() {
		assertThat(LockEvent.fromOutbox(entry("GRANTED", "r")).mode()).isEqualTo("read");
		assertThat(LockEvent.fromOutbox(entry("GRANTED", "x")).mode()).isNull();
		assertThat(LockEvent.fromOutbox(entry("GRANTED", "p")).mode()).isNull();
	}

	@Test
	void rejectsAnEntryThatIsNotAnEvent() {
		assertThatIllegalArgumentException().isThrownBy(() -> LockEvent.fromOutbox(entry("STOLEN", "x")));
		Map<String, String> noCounter = entry("GRANTED", "x");
		noCounter.remove("counter");
		assertThatIllegalArgumentException().isThrownBy(() -> LockEvent.fromOutbox(noCounter));
	}

}
