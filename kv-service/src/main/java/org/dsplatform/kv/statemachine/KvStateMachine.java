package org.dsplatform.kv.statemachine;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.storage.FileInfo;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.statemachine.impl.BaseStateMachine;
import org.apache.ratis.statemachine.impl.SimpleStateMachineStorage;
import org.apache.ratis.statemachine.impl.SingleFileSnapshotInfo;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.util.JavaUtils;
import org.apache.ratis.util.LifeCycle;
import org.apache.ratis.util.MD5FileUtil;
import org.dsplatform.kv.storage.KvCommand;
import org.dsplatform.kv.storage.KvCommand.ExpireLeases.Expiry;
import org.dsplatform.kv.storage.KvCommand.GrantLease;
import org.dsplatform.kv.storage.KvCommand.KeepAlive;
import org.dsplatform.kv.storage.KvQuery;
import org.dsplatform.kv.storage.KvResult;
import org.dsplatform.kv.storage.KvResult.LeaseState;
import org.dsplatform.kv.storage.KvResult.LeasesEnded;
import org.dsplatform.kv.storage.KvStore;

/**
 * The Ratis state machine of the key-value store.
 * <p>
 * Through the log (applied in order by every replica, answered after commit):
 * {@code Put}, {@code Delete}, {@code GrantLease}, {@code KeepAlive},
 * {@code RevokeLease}, {@code ExpireLeases}, {@code MarkPublished}. Read-only queries
 * (answered by {@link #query}, after a ReadIndex round when linearizable, or locally when
 * stale): {@code Get}, {@code Range}, {@code GetLease}.
 * <p>
 * The whole store, its recent history included, is the snapshot; Ratis takes one every
 * configured number of entries and purges the log up to it, and installs it on a follower
 * too far behind to catch up from the log.
 */
public class KvStateMachine extends BaseStateMachine {

	private final SimpleStateMachineStorage storage = new SimpleStateMachineStorage();

	private final KvStore store;

	private final LeaseDeadlines deadlines;

	private final List<Runnable> appliedListeners = new CopyOnWriteArrayList<>();

	private volatile long snapshotCount;

	private final AtomicLong snapshotsInstalled = new AtomicLong();

	private final AtomicLong leaderChanges = new AtomicLong();

	private volatile java.util.function.LongConsumer applyNanos = (nanos) -> {
	};

	/**
	 * @param historyLimit how many recent changes to keep for watches and the change
	 * stream
	 * @param nanoClock this replica's clock for lease deadlines (never enters the
	 * replicated state)
	 */
	public KvStateMachine(int historyLimit, LongSupplier nanoClock) {
		this.store = new KvStore(historyLimit);
		this.deadlines = new LeaseDeadlines(nanoClock);
	}

	/** The store, for local (stale) reads and the change history. */
	public KvStore store() {
		return this.store;
	}

	/**
	 * Leases past their deadline by this replica's clock; only the leader acts on them.
	 */
	public List<Expiry> expiredLeases() {
		return this.deadlines.expired();
	}

	/** Called after every applied command, on the applying thread: keep it short. */
	public void onApplied(Runnable listener) {
		this.appliedListeners.add(listener);
	}

	/**
	 * Receives how long each command took to apply, in nanoseconds, on the applying
	 * thread.
	 */
	public void onApplyTime(java.util.function.LongConsumer listener) {
		this.applyNanos = listener;
	}

	/** Leader changes this replica has seen since it started. */
	public long leaderChanges() {
		return this.leaderChanges.get();
	}

	/**
	 * Snapshots this replica installed from the leader since it started, each replacing
	 * its whole state.
	 */
	public long snapshotsInstalled() {
		return this.snapshotsInstalled.get();
	}

	/** Snapshots taken by this replica since it started. */
	public long snapshotCount() {
		return this.snapshotCount;
	}

	/** The index of the last applied log entry. */
	public long appliedIndex() {
		TermIndex applied = getLastAppliedTermIndex();
		return (applied != null) ? applied.getIndex() : 0;
	}

	@Override
	public void initialize(RaftServer server, RaftGroupId groupId, RaftStorage raftStorage) throws IOException {
		getLifeCycle().startAndTransition(() -> {
			super.initialize(server, groupId, raftStorage);
			this.storage.init(raftStorage);
			loadLatestSnapshot();
		}, IOException.class);
	}

	/**
	 * Ratis pauses the state machine before it publishes a snapshot installed from the
	 * leader, and then asks it to {@link #reinitialize} from that snapshot: its updater
	 * refuses (and closes the whole division) unless the state machine says it is paused.
	 */
	@Override
	public void pause() {
		getLifeCycle().transition(LifeCycle.State.PAUSING);
		getLifeCycle().transition(LifeCycle.State.PAUSED);
	}

	/**
	 * Replaces the whole state with the latest snapshot: one installed from the leader
	 * because this replica was too far behind for the leader's log.
	 */
	@Override
	public void reinitialize() throws IOException {
		loadLatestSnapshot();
		this.snapshotsInstalled.incrementAndGet();
		if (getLifeCycleState() == LifeCycle.State.PAUSED) {
			getLifeCycle().transition(LifeCycle.State.STARTING);
			getLifeCycle().transition(LifeCycle.State.RUNNING);
		}
	}

	private void loadLatestSnapshot() throws IOException {
		SingleFileSnapshotInfo snapshot = this.storage.loadLatestSnapshot();
		if (snapshot == null) {
			return;
		}
		Path file = snapshot.getFile().getPath();
		if (snapshot.getFile().getFileDigest() != null) {
			MD5FileUtil.verifySavedMD5(file.toFile(), snapshot.getFile().getFileDigest());
		}
		try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
			this.store.readFrom(in);
		}
		this.deadlines.reset(this.store.leaseTimings());
		updateLastAppliedTermIndex(snapshot.getTermIndex());
		this.appliedListeners.forEach(Runnable::run);
	}

	@Override
	public SimpleStateMachineStorage getStateMachineStorage() {
		return this.storage;
	}

	@Override
	public CompletableFuture<Message> applyTransaction(TransactionContext trx) {
		long begin = System.nanoTime();
		LogEntryProto entry = trx.getLogEntry();
		long index = entry.getIndex();
		KvResult result;
		try {
			KvCommand command = KvCodec.decodeCommand(entry.getStateMachineLogEntry().getLogData().newInput());
			result = this.store.apply(command, index);
			trackLeases(command, result);
		}
		catch (RuntimeException ex) {
			return JavaUtils.completeExceptionally(ex);
		}
		finally {
			updateLastAppliedTermIndex(entry.getTerm(), index);
		}
		this.appliedListeners.forEach(Runnable::run);
		this.applyNanos.accept(System.nanoTime() - begin);
		return CompletableFuture.completedFuture(Message.valueOf(ByteString.copyFrom(KvCodec.encode(result, index))));
	}

	@Override
	public CompletableFuture<Message> query(Message request) {
		try {
			KvQuery query = KvCodec.decodeQuery(request.getContent().newInput());
			return CompletableFuture.completedFuture(Message.valueOf(ByteString.copyFrom(queryLocal(query))));
		}
		catch (RuntimeException ex) {
			return JavaUtils.completeExceptionally(ex);
		}
	}

	/**
	 * Answers a query from this replica's state as it is now, with the applied index it
	 * reflects.
	 */
	public byte[] queryLocal(KvQuery query) {
		long applied = appliedIndex();
		return KvCodec.encode(this.store.query(query), applied);
	}

	@Override
	public long takeSnapshot() throws IOException {
		TermIndex applied = getLastAppliedTermIndex();
		File file = this.storage.getSnapshotFile(applied.getTerm(), applied.getIndex());
		File partial = new File(file.getParentFile(), file.getName() + ".partial");
		try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(partial.toPath()))) {
			this.store.writeTo(out);
		}
		Files.move(partial.toPath(), file.toPath(), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
		FileInfo info = new FileInfo(file.toPath(), MD5FileUtil.computeAndSaveMd5ForFile(file));
		this.storage.updateLatestSnapshot(new SingleFileSnapshotInfo(info, applied));
		this.snapshotCount++;
		return applied.getIndex();
	}

	@Override
	public void notifyLeaderChanged(org.apache.ratis.protocol.RaftGroupMemberId groupMemberId,
			org.apache.ratis.protocol.RaftPeerId newLeaderId) {
		this.leaderChanges.incrementAndGet();
		this.deadlines.leaderChanged();
	}

	private void trackLeases(KvCommand command, KvResult result) {
		if (result instanceof LeaseState lease) {
			long renewals = (command instanceof KeepAlive) ? renewalsOf(lease.leaseId()) : 0;
			if (command instanceof GrantLease || command instanceof KeepAlive) {
				this.deadlines.renewed(lease.leaseId(), lease.ttlMs(), renewals);
			}
		}
		else if (result instanceof LeasesEnded ended) {
			ended.leaseIds().forEach(this.deadlines::ended);
		}
	}

	private long renewalsOf(long leaseId) {
		return this.store.renewals(leaseId);
	}

}
