package org.dsplatform.launcher;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class KafkaBrokerTests {

	@Test
	void makesClusterIdsTheStorageToolCannotMistakeForAnOption() {
		Set<String> ids = new HashSet<>();
		// One base64 id in 64 begins with '-'; 10,000 would hold about 156 such.
		for (int i = 0; i < 10_000; i++) {
			String id = KafkaBroker.newClusterId();
			assertThat(id).hasSize(22).doesNotStartWith("-").matches("[A-Za-z0-9_-]+");
			ids.add(id);
		}
		assertThat(ids).hasSize(10_000);
	}

}
