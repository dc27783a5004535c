package org.dsplatform.kv.storage;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

import org.dsplatform.kv.storage.Change.Operation;
import org.dsplatform.kv.storage.KvCommand.Delete;
import org.dsplatform.kv.storage.KvCommand.ExpireLeases;
import org.dsplatform.kv.storage.KvCommand.Fence;
import org.dsplatform.kv.storage.KvCommand.GrantLease;
import org.dsplatform.kv.storage.KvCommand.KeepAlive;
import org.dsplatform.kv.storage.KvCommand.MarkPublished;
import org.dsplatform.kv.storage.KvCommand.Precondition;
import org.dsplatform.kv.storage.KvCommand.Put;
import org.dsplatform.kv.storage.KvCommand.RevokeLease;
import org.dsplatform.kv.storage.KvQuery.Get;
import org.dsplatform.kv.storage.KvQuery.GetLease;
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

/**
 * The replicated state of the key-value store: keys with their revisions, leases, the
 * highest fencing token seen per lock, and a bounded history of recent changes for
 * watches and the change stream.
 * <p>
 * {@link #apply} is deterministic: the same commands in the same order give the same
 * state on every replica. It is called by one thread at a time (the state machine's);
 * reads may run concurrently from any thread and each sees the state between two
 * commands, never in the middle of one.
 */
public final class KvStore {

	private static final int SNAPSHOT_FORMAT = 1;

	private final ReadWriteLock lock = new ReentrantReadWriteLock();

	private final TreeMap<String, KeyValue> data = new TreeMap<>();

	private final TreeMap<Long, LeaseRecord> leases = new TreeMap<>();

	private final TreeMap<String, Long> fences = new TreeMap<>();

	private final ChangeHistory history;

	private long revision;

	private long publishedRevision;

	private long compactedRevision;

	/**
	 * @param historyLimit how many recent changes to keep for watches and the change
	 * stream
	 */
	public KvStore(int historyLimit) {
		if (historyLimit < 1) {
			throw new IllegalArgumentException("historyLimit must be positive");
		}
		this.history = new ChangeHistory(historyLimit);
	}

	/**
	 * Applies a command.
	 * @param command the command
	 * @param index the log index of the command (a granted lease takes it as its id)
	 * @return what happened; a refused write leaves the store unchanged
	 */
	public KvResult apply(KvCommand command, long index) {
		return write(() -> dispatch(command, index));
	}

	private KvResult dispatch(KvCommand command, long index) {
		if (command instanceof Put put) {
			return put(put);
		}
		if (command instanceof Delete delete) {
			return delete(delete);
		}
		if (command instanceof GrantLease grant) {
			return grant(grant, index);
		}
		if (command instanceof KeepAlive keepAlive) {
			return keepAlive(keepAlive);
		}
		if (command instanceof RevokeLease revoke) {
			return endLeases(List.of(revoke.leaseId()), true);
		}
		if (command instanceof ExpireLeases expire) {
			return expire(expire);
		}
		return markPublished((MarkPublished) command);
	}

	/**
	 * Answers a read.
	 */
	public KvResult query(KvQuery query) {
		return read(() -> answer(query));
	}

	private KvResult answer(KvQuery query) {
		if (query instanceof Get get) {
			KeyValue keyValue = this.data.get(get.key());
			return (keyValue != null) ? new Found(keyValue, this.revision) : new KeyNotFound(get.key(), this.revision);
		}
		if (query instanceof Range range) {
			return range(range);
		}
		GetLease get = (GetLease) query;
		LeaseRecord lease = this.leases.get(get.leaseId());
		return (lease != null) ? lease.state(get.leaseId()) : new LeaseNotFound(get.leaseId());
	}

	/**
	 * The changes from {@code fromRevision} on, oldest first, at most {@code max} of
	 * them.
	 * @throws HistoryCompactedException if changes from that revision are no longer kept
	 */
	public List<Change> changesSince(long fromRevision, int max) throws HistoryCompactedException {
		this.lock.readLock().lock();
		try {
			if (fromRevision <= this.compactedRevision) {
				throw new HistoryCompactedException(fromRevision, this.compactedRevision + 1);
			}
			if (fromRevision > this.revision) {
				return new ArrayList<>();
			}
			return this.history.from(fromRevision, max);
		}
		finally {
			this.lock.readLock().unlock();
		}
	}

	/** The revision of the last change, 0 for an empty store. */
	public long revision() {
		return read(() -> this.revision);
	}

	/** The last revision known to be in the change stream. */
	public long publishedRevision() {
		return read(() -> this.publishedRevision);
	}

	/** The oldest revision whose change is still kept. */
	public long oldestRetainedRevision() {
		return read(() -> this.compactedRevision + 1);
	}

	/** How many keys the store holds. */
	public int size() {
		return read(this.data::size);
	}

	/** How often a lease was renewed, 0 if it does not exist. */
	public long renewals(long leaseId) {
		return read(() -> {
			LeaseRecord lease = this.leases.get(leaseId);
			return (lease != null) ? lease.renewals : 0L;
		});
	}

	/**
	 * The leases with their ttl and renewal count, for the leader's expiry bookkeeping.
	 */
	public Map<Long, long[]> leaseTimings() {
		return read(() -> {
			Map<Long, long[]> timings = new TreeMap<>();
			this.leases.forEach((id, lease) -> timings.put(id, new long[] { lease.ttlMs, lease.renewals }));
			return timings;
		});
	}

	/**
	 * Writes the whole state, history included, so a replica restored from it serves the
	 * same watches.
	 */
	public void writeTo(OutputStream stream) throws IOException {
		this.lock.readLock().lock();
		try {
			DataOutputStream out = new DataOutputStream(stream);
			out.writeInt(SNAPSHOT_FORMAT);
			out.writeLong(this.revision);
			out.writeLong(this.publishedRevision);
			out.writeLong(this.compactedRevision);
			out.writeInt(this.data.size());
			for (KeyValue keyValue : this.data.values()) {
				DataIo.writeString(out, keyValue.key());
				DataIo.writeString(out, keyValue.value());
				out.writeLong(keyValue.createRevision());
				out.writeLong(keyValue.modRevision());
				out.writeLong(keyValue.version());
				out.writeLong(keyValue.leaseId());
			}
			out.writeInt(this.leases.size());
			for (Map.Entry<Long, LeaseRecord> lease : this.leases.entrySet()) {
				out.writeLong(lease.getKey());
				out.writeLong(lease.getValue().ttlMs);
				out.writeLong(lease.getValue().renewals);
			}
			out.writeInt(this.fences.size());
			for (Map.Entry<String, Long> fence : this.fences.entrySet()) {
				DataIo.writeString(out, fence.getKey());
				out.writeLong(fence.getValue());
			}
			out.writeInt(this.history.size());
			for (Change change : this.history) {
				out.writeLong(change.revision());
				out.writeByte(change.operation().ordinal());
				DataIo.writeString(out, change.key());
				DataIo.writeNullableString(out, change.value());
				out.writeLong(change.version());
				out.writeLong(change.leaseId());
			}
			out.flush();
		}
		finally {
			this.lock.readLock().unlock();
		}
	}

	/**
	 * Replaces the whole state with one written by {@link #writeTo}.
	 */
	public void readFrom(InputStream stream) throws IOException {
		DataInputStream in = new DataInputStream(stream);
		int format = in.readInt();
		if (format != SNAPSHOT_FORMAT) {
			throw new IOException("Unknown snapshot format " + format);
		}
		this.lock.writeLock().lock();
		try {
			this.data.clear();
			this.leases.clear();
			this.fences.clear();
			this.history.clear();
			this.revision = in.readLong();
			this.publishedRevision = in.readLong();
			this.compactedRevision = in.readLong();
			for (int i = in.readInt(); i > 0; i--) {
				KeyValue keyValue = new KeyValue(DataIo.readString(in), DataIo.readString(in), in.readLong(),
						in.readLong(), in.readLong(), in.readLong());
				this.data.put(keyValue.key(), keyValue);
			}
			for (int i = in.readInt(); i > 0; i--) {
				long id = in.readLong();
				this.leases.put(id, new LeaseRecord(in.readLong(), in.readLong()));
			}
			for (KeyValue keyValue : this.data.values()) {
				if (keyValue.leaseId() != 0) {
					this.leases.get(keyValue.leaseId()).keys.add(keyValue.key());
				}
			}
			for (int i = in.readInt(); i > 0; i--) {
				this.fences.put(DataIo.readString(in), in.readLong());
			}
			for (int i = in.readInt(); i > 0; i--) {
				long evicted = this.history.append(new Change(in.readLong(), Operation.values()[in.readByte()],
						DataIo.readString(in), DataIo.readNullableString(in), in.readLong(), in.readLong()));
				if (evicted != 0) {
					this.compactedRevision = evicted;
				}
			}
		}
		finally {
			this.lock.writeLock().unlock();
		}
	}

	private KvResult put(Put put) {
		KvResult refused = check(put.key(), put.precondition(), put.fence());
		if (refused != null) {
			return refused;
		}
		if (put.leaseId() != 0 && !this.leases.containsKey(put.leaseId())) {
			return new LeaseNotFound(put.leaseId());
		}
		KeyValue previous = this.data.get(put.key());
		long next = this.revision + 1;
		KeyValue written = (previous != null) ? new KeyValue(put.key(), put.value(), previous.createRevision(), next,
				previous.version() + 1, put.leaseId())
				: new KeyValue(put.key(), put.value(), next, next, 1, put.leaseId());
		if (previous != null && previous.leaseId() != 0 && previous.leaseId() != put.leaseId()) {
			this.leases.get(previous.leaseId()).keys.remove(put.key());
		}
		if (put.leaseId() != 0) {
			this.leases.get(put.leaseId()).keys.add(put.key());
		}
		this.data.put(put.key(), written);
		record(new Change(next, Operation.PUT, put.key(), put.value(), written.version(), put.leaseId()));
		return new Written(written, this.revision);
	}

	private KvResult delete(Delete delete) {
		KvResult refused = check(delete.key(), delete.precondition(), delete.fence());
		if (refused != null) {
			return refused;
		}
		KeyValue previous = this.data.get(delete.key());
		if (previous == null) {
			return new KeyNotFound(delete.key(), this.revision);
		}
		removeKey(previous);
		return new Written(previous, this.revision);
	}

	private KvResult check(String key, Precondition precondition, Fence fence) {
		if (fence != null) {
			Long highest = this.fences.get(fence.lockName());
			if (highest != null && fence.token() < highest) {
				return new Fenced(fence.lockName(), fence.token(), highest);
			}
		}
		KeyValue current = this.data.get(key);
		long currentVersion = (current != null) ? current.version() : 0;
		if (precondition.expectedVersion() != null && precondition.expectedVersion() != currentVersion) {
			return new PreconditionFailed(key, currentVersion, this.revision);
		}
		if (precondition.expectedValue() != null
				&& (current == null || !precondition.expectedValue().equals(current.value()))) {
			return new PreconditionFailed(key, currentVersion, this.revision);
		}
		if (fence != null) {
			// Only a write that will apply raises the fence: a refused one processed
			// nothing.
			this.fences.merge(fence.lockName(), fence.token(), Math::max);
		}
		return null;
	}

	private KvResult grant(GrantLease grant, long index) {
		if (this.leases.containsKey(index)) {
			return this.leases.get(index).state(index);
		}
		LeaseRecord lease = new LeaseRecord(grant.ttlMs(), 0);
		this.leases.put(index, lease);
		return lease.state(index);
	}

	private KvResult keepAlive(KeepAlive keepAlive) {
		LeaseRecord lease = this.leases.get(keepAlive.leaseId());
		if (lease == null) {
			return new LeaseNotFound(keepAlive.leaseId());
		}
		lease.renewals++;
		return lease.state(keepAlive.leaseId());
	}

	private KvResult expire(ExpireLeases expire) {
		List<Long> due = new ArrayList<>();
		for (ExpireLeases.Expiry expiry : expire.expiries()) {
			LeaseRecord lease = this.leases.get(expiry.leaseId());
			if (lease != null && lease.renewals == expiry.renewals()) {
				due.add(expiry.leaseId());
			}
		}
		return endLeases(due, false);
	}

	private KvResult endLeases(List<Long> leaseIds, boolean reportMissing) {
		if (reportMissing && leaseIds.size() == 1 && !this.leases.containsKey(leaseIds.get(0))) {
			return new LeaseNotFound(leaseIds.get(0));
		}
		int deleted = 0;
		List<Long> ended = new ArrayList<>();
		for (long leaseId : leaseIds) {
			LeaseRecord lease = this.leases.remove(leaseId);
			if (lease == null) {
				continue;
			}
			ended.add(leaseId);
			for (String key : new TreeSet<>(lease.keys)) {
				removeKey(this.data.get(key));
				deleted++;
			}
		}
		return new LeasesEnded(ended, deleted, this.revision);
	}

	private KvResult markPublished(MarkPublished published) {
		this.publishedRevision = Math.max(this.publishedRevision, Math.min(published.revision(), this.revision));
		return new KvResult.Done(this.revision);
	}

	private void removeKey(KeyValue previous) {
		this.data.remove(previous.key());
		if (previous.leaseId() != 0) {
			LeaseRecord lease = this.leases.get(previous.leaseId());
			if (lease != null) {
				lease.keys.remove(previous.key());
			}
		}
		record(new Change(this.revision + 1, Operation.DELETE, previous.key(), null, 0, 0));
	}

	private void record(Change change) {
		this.revision = change.revision();
		long evicted = this.history.append(change);
		if (evicted != 0) {
			this.compactedRevision = evicted;
		}
	}

	private KvResult range(Range range) {
		String from = (range.fromKey() != null && range.fromKey().compareTo(range.prefix()) > 0) ? range.fromKey()
				: range.prefix();
		NavigableMap<String, KeyValue> tail = this.data.tailMap(from, true);
		List<KeyValue> items = new ArrayList<>();
		String nextKey = null;
		for (KeyValue keyValue : tail.values()) {
			if (!keyValue.key().startsWith(range.prefix())) {
				break;
			}
			if (items.size() == range.limit()) {
				nextKey = keyValue.key();
				break;
			}
			items.add(keyValue);
		}
		return new Page(items, nextKey, this.revision);
	}

	private <T> T read(Supplier<T> reader) {
		this.lock.readLock().lock();
		try {
			return reader.get();
		}
		finally {
			this.lock.readLock().unlock();
		}
	}

	private <T> T write(Supplier<T> writer) {
		this.lock.writeLock().lock();
		try {
			return writer.get();
		}
		finally {
			this.lock.writeLock().unlock();
		}
	}

	private static final class LeaseRecord {

		final long ttlMs;

		long renewals;

		final TreeSet<String> keys = new TreeSet<>();

		LeaseRecord(long ttlMs, long renewals) {
			this.ttlMs = ttlMs;
			this.renewals = renewals;
		}

		LeaseState state(long id) {
			return new LeaseState(id, this.ttlMs, List.copyOf(this.keys));
		}

	}

}
