package org.dsplatform.kv.storage;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;

import org.dsplatform.kv.storage.Change.Operation;
import org.dsplatform.kv.storage.KvCommand.Delete;
import org.dsplatform.kv.storage.KvCommand.ExpireLeases;
import org.dsplatform.kv.storage.KvCommand.ExpireLeases.Expiry;
import org.dsplatform.kv.storage.KvCommand.Fence;
import org.dsplatform.kv.storage.KvCommand.GrantLease;
import org.dsplatform.kv.storage.KvCommand.KeepAlive;
import org.dsplatform.kv.storage.KvCommand.MarkPublished;
import org.dsplatform.kv.storage.KvCommand.Precondition;
import org.dsplatform.kv.storage.KvCommand.Put;
import org.dsplatform.kv.storage.KvCommand.RevokeLease;
import org.dsplatform.kv.storage.KvQuery.Get;
import org.dsplatform.kv.storage.KvQuery.Range;
import org.dsplatform.kv.storage.KvResult.Fenced;
import org.dsplatform.kv.storage.KvResult.Found;
import org.dsplatform.kv.storage.KvResult.KeyNotFound;
import org.dsplatform.kv.storage.KvResult.LeaseNotFound;
import org.dsplatform.kv.storage.KvResult.LeaseState;
import org.dsplatform.kv.storage.KvResult.LeasesEnded;
import org.dsplatform.kv.storage.KvResult.Page;
import org.dsplatform.kv.storage.KvResult.PreconditionFailed;
import org.dsplatform.kv.storage.KvResult.Written;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class KvStoreTests {

	private final KvStore store = new KvStore(1000);

	private long index;

	@Test
	void countsRevisionsAndVersionsLikeEtcd() {
		Written first = (Written) apply(put("a", "1"));
		assertThat(first.keyValue()).isEqualTo(new KeyValue("a", "1", 1, 1, 1, 0));
		apply(put("b", "x"));
		Written second = (Written) apply(put("a", "2"));
		assertThat(second.keyValue()).isEqualTo(new KeyValue("a", "2", 1, 3, 2, 0));
		assertThat(second.revision()).isEqualTo(3);
		apply(new Delete("a", Precondition.NONE, null));
		Written recreated = (Written) apply(put("a", "3"));
		assertThat(recreated.keyValue()).isEqualTo(new KeyValue("a", "3", 5, 5, 1, 0));
	}

	@Test
	void appliesACompareAndSetOnlyWhenTheVersionMatches() {
		assertThat(apply(put("k", "v", new Precondition(0L, null)))).isInstanceOf(Written.class);
		assertThat(apply(put("k", "w", new Precondition(0L, null)))).isEqualTo(new PreconditionFailed("k", 1, 1));
		assertThat(apply(put("k", "w", new Precondition(1L, null)))).isInstanceOf(Written.class);
		assertThat(apply(put("k", "x", new Precondition(null, "v")))).isInstanceOf(PreconditionFailed.class);
		assertThat(apply(put("k", "x", new Precondition(null, "w")))).isInstanceOf(Written.class);
		assertThat(apply(new Delete("k", new Precondition(2L, null), null))).isInstanceOf(PreconditionFailed.class);
		assertThat(value("k")).isEqualTo("x");
	}

	@Test
	void rejectsAWriteWhoseFencingTokenIsLowerThanOneSeen() {
		assertThat(apply(new Put("k", "from 7", 0, Precondition.NONE, new Fence("lock", 7))))
			.isInstanceOf(Written.class);
		assertThat(apply(new Put("k", "from 7 again", 0, Precondition.NONE, new Fence("lock", 7))))
			.isInstanceOf(Written.class);
		assertThat(apply(new Put("k", "late from 6", 0, Precondition.NONE, new Fence("lock", 6))))
			.isEqualTo(new Fenced("lock", 6, 7));
		assertThat(apply(new Put("k", "other lock", 0, Precondition.NONE, new Fence("other", 1))))
			.isInstanceOf(Written.class);
		assertThat(apply(new Delete("k", Precondition.NONE, new Fence("lock", 5)))).isInstanceOf(Fenced.class);
		assertThat(value("k")).isEqualTo("other lock");
	}

	@Test
	void doesNotRaiseTheFenceForAWriteThatWasRefused() {
		apply(put("k", "v"));
		assertThat(apply(new Put("k", "w", 0, new Precondition(9L, null), new Fence("lock", 10))))
			.isInstanceOf(PreconditionFailed.class);
		assertThat(apply(new Put("k", "w", 0, Precondition.NONE, new Fence("lock", 3)))).isInstanceOf(Written.class);
	}

	@Test
	void deletesTheKeysOfALeaseWhenItIsRevoked() {
		LeaseState lease = (LeaseState) apply(new GrantLease(5000));
		assertThat(lease.leaseId()).isEqualTo(this.index);
		apply(new Put("a", "1", lease.leaseId(), Precondition.NONE, null));
		apply(new Put("b", "2", lease.leaseId(), Precondition.NONE, null));
		apply(put("c", "3"));
		LeasesEnded ended = (LeasesEnded) apply(new RevokeLease(lease.leaseId()));
		assertThat(ended.keysDeleted()).isEqualTo(2);
		assertThat(this.store.query(new Get("a"))).isInstanceOf(KeyNotFound.class);
		assertThat(value("c")).isEqualTo("3");
		assertThat(apply(new RevokeLease(lease.leaseId()))).isEqualTo(new LeaseNotFound(lease.leaseId()));
		assertThat(apply(new Put("d", "4", lease.leaseId(), Precondition.NONE, null)))
			.isEqualTo(new LeaseNotFound(lease.leaseId()));
	}

	@Test
	void ignoresAnExpiryDecidedBeforeARenewal() {
		long lease = ((LeaseState) apply(new GrantLease(1000))).leaseId();
		apply(new Put("a", "1", lease, Precondition.NONE, null));
		apply(new KeepAlive(lease));
		assertThat(((LeasesEnded) apply(new ExpireLeases(List.of(new Expiry(lease, 0))))).leaseIds()).isEmpty();
		assertThat(value("a")).isEqualTo("1");
		assertThat(((LeasesEnded) apply(new ExpireLeases(List.of(new Expiry(lease, 1))))).leaseIds())
			.containsExactly(lease);
		assertThat(this.store.query(new Get("a"))).isInstanceOf(KeyNotFound.class);
	}

	@Test
	void movesAKeyFromOneLeaseToAnother() {
		long first = ((LeaseState) apply(new GrantLease(1000))).leaseId();
		long second = ((LeaseState) apply(new GrantLease(1000))).leaseId();
		apply(new Put("a", "1", first, Precondition.NONE, null));
		apply(new Put("a", "2", second, Precondition.NONE, null));
		assertThat(((LeasesEnded) apply(new RevokeLease(first))).keysDeleted()).isZero();
		assertThat(value("a")).isEqualTo("2");
	}

	@Test
	void pagesThroughAPrefixInKeyOrder() {
		for (String key : List.of("app/b", "app/a", "app/c", "apq", "ap", "app/d")) {
			apply(put(key, key));
		}
		Page first = (Page) this.store.query(new Range("app/", null, 2));
		assertThat(first.items()).extracting(KeyValue::key).containsExactly("app/a", "app/b");
		assertThat(first.nextKey()).isEqualTo("app/c");
		Page second = (Page) this.store.query(new Range("app/", first.nextKey(), 2));
		assertThat(second.items()).extracting(KeyValue::key).containsExactly("app/c", "app/d");
		assertThat(second.nextKey()).isNull();
	}

	@Test
	void keepsConsecutiveChangesAndSaysWhenOnesAreCompacted() throws Exception {
		KvStore small = new KvStore(3);
		for (int i = 1; i <= 5; i++) {
			small.apply(put("k" + i, "v"), i);
		}
		assertThat(small.changesSince(3, 10)).extracting(Change::revision).containsExactly(3L, 4L, 5L);
		assertThat(small.changesSince(4, 1)).extracting(Change::revision).containsExactly(4L);
		assertThat(small.changesSince(6, 10)).isEmpty();
		assertThatExceptionOfType(HistoryCompactedException.class).isThrownBy(() -> small.changesSince(2, 10))
			.satisfies((ex) -> assertThat(ex.oldestAvailableRevision()).isEqualTo(3));
	}

	@Test
	void recordsDeletionsByLeaseInTheHistory() throws Exception {
		long lease = ((LeaseState) apply(new GrantLease(1000))).leaseId();
		apply(new Put("a", "1", lease, Precondition.NONE, null));
		apply(new RevokeLease(lease));
		assertThat(this.store.changesSince(1, 10)).extracting(Change::operation, Change::key)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(Operation.PUT, "a"),
					org.assertj.core.groups.Tuple.tuple(Operation.DELETE, "a"));
	}

	@Test
	void restoresExactlyFromASnapshot() throws Exception {
		long lease = ((LeaseState) apply(new GrantLease(1000))).leaseId();
		apply(new Put("a", "é ünïcode", lease, Precondition.NONE, new Fence("lock", 4)));
		apply(put("b", "2"));
		apply(new KeepAlive(lease));
		apply(new MarkPublished(2));
		ByteArrayOutputStream snapshot = new ByteArrayOutputStream();
		this.store.writeTo(snapshot);
		KvStore restored = new KvStore(1000);
		restored.readFrom(new ByteArrayInputStream(snapshot.toByteArray()));
		assertThat(restored.revision()).isEqualTo(this.store.revision());
		assertThat(restored.publishedRevision()).isEqualTo(2);
		assertThat(restored.changesSince(1, 10)).isEqualTo(this.store.changesSince(1, 10));
		assertThat(restored.query(new Get("a"))).isEqualTo(this.store.query(new Get("a")));
		assertThat(restored.renewals(lease)).isEqualTo(1);
		assertThat(restored.apply(new Put("x", "y", 0, Precondition.NONE, new Fence("lock", 3)), 100))
			.isInstanceOf(Fenced.class);
		assertThat(((LeasesEnded) restored.apply(new RevokeLease(lease), 101)).keysDeleted()).isEqualTo(1);
	}

	private KvResult apply(KvCommand command) {
		return this.store.apply(command, ++this.index);
	}

	private String value(String key) {
		return ((Found) this.store.query(new Get(key))).keyValue().value();
	}

	private static Put put(String key, String value) {
		return new Put(key, value, 0, Precondition.NONE, null);
	}

	private static Put put(String key, String value, Precondition precondition) {
		return new Put(key, value, 0, precondition, null);
	}

}
