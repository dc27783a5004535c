package org.dsplatform.kv.storage;

import org.dsplatform.kv.storage.Change.Operation;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ChangeHistoryTests {

	@Test
	void findsChangesByRevisionAcrossManyWrapsOfTheRing() {
		ChangeHistory history = new ChangeHistory(4);
		for (long revision = 1; revision <= 23; revision++) {
			long evicted = history.append(change(revision));
			assertThat(evicted).isEqualTo((revision > 4) ? revision - 4 : 0);
			long oldest = Math.max(1, revision - 3);
			for (long from = oldest; from <= revision; from++) {
				assertThat(history.from(from, 10)).extracting(Change::revision)
					.containsExactlyElementsOf(range(from, revision));
			}
			assertThat(history).extracting(Change::revision).containsExactlyElementsOf(range(oldest, revision));
		}
		assertThat(history.from(21, 2)).extracting(Change::revision).containsExactly(21L, 22L);
		assertThat(history.from(24, 10)).isEmpty();
		assertThatIllegalArgumentException().isThrownBy(() -> history.from(19, 10));
	}

	@Test
	void takesOnlyTheNextRevision() {
		ChangeHistory history = new ChangeHistory(4);
		history.append(change(7));
		assertThatIllegalArgumentException().isThrownBy(() -> history.append(change(9)));
		history.clear();
		assertThat(history.isEmpty()).isTrue();
		history.append(change(9));
		assertThat(history).extracting(Change::revision).containsExactly(9L);
	}

	private static java.util.List<Long> range(long from, long to) {
		return java.util.stream.LongStream.rangeClosed(from, to).boxed().toList();
	}

	private static Change change(long revision) {
		return new Change(revision, Operation.PUT, "k" + revision, "v", 1, 0);
	}

}
