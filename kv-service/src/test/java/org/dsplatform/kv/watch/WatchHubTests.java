package org.dsplatform.kv.watch;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.dsplatform.kv.storage.Change;
import org.dsplatform.kv.storage.HistoryCompactedException;
import org.dsplatform.kv.storage.KvCommand.Precondition;
import org.dsplatform.kv.storage.KvCommand.Put;
import org.dsplatform.kv.storage.KvStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

class WatchHubTests {

	private final ExecutorService senders = Executors.newFixedThreadPool(2);

	private final KvStore store = new KvStore(100_000);

	private final WatchHub hub = new WatchHub(this.store, this.senders);

	private long index;

	@AfterEach
	void stop() {
		this.senders.shutdownNow();
	}

	@Test
	void deliversEveryChangeUnderThePrefixInOrderWhileWritesRace() throws Exception {
		put("w/0");
		Collecting sink = new Collecting(2000);
		this.hub.watch("w/", 1, sink);
		Thread writer = new Thread(() -> {
			for (int i = 1; i < 4000; i++) {
				put(((i % 2) == 0) ? "w/" + i : "other/" + i);
			}
		});
		writer.start();
		writer.join();
		assertThat(sink.done.await(10, TimeUnit.SECONDS)).isTrue();
		List<Long> revisions = sink.changes.stream().map(Change::revision).toList();
		assertThat(revisions).hasSize(2000).isSorted().doesNotHaveDuplicates();
		assertThat(sink.changes).allSatisfy((change) -> assertThat(change.key()).startsWith("w/"));
	}

	@Test
	void resumesFromARevisionWithNoGap() throws Exception {
		for (int i = 0; i < 10; i++) {
			put("k" + i);
		}
		Collecting sink = new Collecting(5);
		this.hub.watch("", 6, sink);
		assertThat(sink.done.await(5, TimeUnit.SECONDS)).isTrue();
		assertThat(sink.changes).extracting(Change::revision).containsExactly(6L, 7L, 8L, 9L, 10L);
	}

	@Test
	void refusesARevisionOlderThanTheRetainedHistory() {
		KvStore smallStore = new KvStore(2);
		for (int i = 1; i <= 5; i++) {
			smallStore.apply(new Put("k", "v", 0, Precondition.NONE, null), i);
		}
		WatchHub hub = new WatchHub(smallStore, this.senders);
		assertThatExceptionOfType(HistoryCompactedException.class).isThrownBy(() -> hub.watch("", 1, new Collecting(1)))
			.satisfies((ex) -> assertThat(ex.oldestAvailableRevision()).isEqualTo(4));
		assertThat(hub.size()).isZero();
	}

	@Test
	void beatsForAQuietWatcherAndDropsOneThatIsGone() throws Exception {
		Collecting quiet = new Collecting(1);
		Collecting gone = new Collecting(1);
		gone.alive = false;
		this.hub.watch("", 1, quiet);
		this.hub.watch("", 1, gone);

		// A watcher still being fed (here, its first read of the history) is skipped: a
		// beat is due again a period later.
		await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50)).until(() -> {
			this.hub.heartbeat();
			return quiet.beat.getCount() == 0 && gone.beat.getCount() == 0;
		});

		await().atMost(Duration.ofSeconds(5)).until(() -> this.hub.size() == 1);
		put("k");
		assertThat(quiet.done.await(5, TimeUnit.SECONDS)).isTrue();
		assertThat(gone.changes).isEmpty();
	}

	private void put(String key) {
		synchronized (this.store) {
			this.store.apply(new Put(key, "v", 0, Precondition.NONE, null), ++this.index);
		}
		this.hub.changed();
	}

	private static final class Collecting implements WatchHub.Sink {

		final List<Change> changes = new CopyOnWriteArrayList<>();

		final CountDownLatch done;

		final CountDownLatch beat = new CountDownLatch(1);

		volatile boolean alive = true;

		Collecting(int expected) {
			this.done = new CountDownLatch(expected);
		}

		@Override
		public boolean send(Change change) {
			this.changes.add(change);
			this.done.countDown();
			return true;
		}

		@Override
		public boolean heartbeat() {
			this.beat.countDown();
			return this.alive;
		}

		@Override
		public void compacted(long oldestAvailableRevision) {
		}

		@Override
		public void close() {
		}

	}

}
