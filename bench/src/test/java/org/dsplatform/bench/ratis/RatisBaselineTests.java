package org.dsplatform.bench.ratis;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class RatisBaselineTests {

	@Test
	void readsAWriteBackFromEveryPeerAndDeletesItsLogsOnClose(@TempDir Path reports) throws Exception {
		Path directory = reports.resolve("ratis");
		try (RatisBaseline ratis = RatisBaseline.start(directory, 30_000)) {
			ratis.put("bench/k1", "first".getBytes(StandardCharsets.UTF_8));
			ratis.put("bench/k1", "second".getBytes(StandardCharsets.UTF_8));

			for (int peer = 0; peer < 3; peer++) {
				assertThat(new String(ratis.get("bench/k1", peer), StandardCharsets.UTF_8)).isEqualTo("second");
				assertThat(ratis.get("bench/absent", peer)).isEmpty();
			}
			assertThat(directory).isDirectoryContaining("glob:**/p1");
			assertThat(ratis.describe()).startsWith("3 Ratis ").contains(directory.toString());
		}
		assertThat(directory).doesNotExist();
	}

}
