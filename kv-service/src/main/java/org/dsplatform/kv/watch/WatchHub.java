package org.dsplatform.kv.watch;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;

import org.dsplatform.kv.storage.Change;
import org.dsplatform.kv.storage.HistoryCompactedException;
import org.dsplatform.kv.storage.KvStore;

/**
 * Delivers the changes of this node's store to watchers, each in revision order from the
 * revision it asked for, with no gap: a watcher reads the store's history from where it
 * left off, so a burst of changes or a slow watcher never drops one (a watcher that falls
 * behind the retained history is told and closed).
 * <p>
 * A watcher on a follower sees a change when this follower applies it, so watches lag the
 * leader by the replication delay, as etcd's do. Thread-safe; each watcher is fed by at
 * most one thread at a time.
 */
public final class WatchHub {

	private static final int BATCH = 1000;

	private final KvStore store;

	private final ExecutorService senders;

	private final Set<Watcher> watchers = ConcurrentHashMap.newKeySet();

	public WatchHub(KvStore store, ExecutorService senders) {
		this.store = store;
		this.senders = senders;
	}

	/**
	 * Where a watcher's changes go.
	 */
	public interface Sink {

		/** Delivers one change; false if the watcher is gone. */
		boolean send(Change change);

		/**
		 * Tells the watcher the watch is alive though it has had no change to carry;
		 * false if the watcher is gone.
		 */
		boolean heartbeat();

		/** The watcher fell behind the retained history and is closed. */
		void compacted(long oldestAvailableRevision);

		/**
		 * The node is shutting down: end the watch (the client reconnects elsewhere and
		 * resumes).
		 */
		void close();

	}

	/**
	 * Starts a watch of the keys starting with {@code prefix}, from {@code fromRevision}
	 * on.
	 * @throws HistoryCompactedException if that revision is older than the retained
	 * history
	 */
	public Runnable watch(String prefix, long fromRevision, Sink sink) throws HistoryCompactedException {
		this.store.changesSince(fromRevision, 0);
		Watcher watcher = new Watcher(prefix, fromRevision, sink);
		this.watchers.add(watcher);
		schedule(watcher);
		return () -> this.watchers.remove(watcher);
	}

	/**
	 * Ends every watch, so that a node shutting down is not held up by open streams.
	 */
	public void closeAll() {
		for (Watcher watcher : this.watchers) {
			this.watchers.remove(watcher);
			watcher.sink.close();
		}
	}

	/** The number of open watches. */
	public int size() {
		return this.watchers.size();
	}

	/**
	 * Sends a heartbeat to every watcher that is not being sent changes at the moment
	 * (one that is needs none), on the senders, so that a slow watcher holds up no other.
	 */
	public void heartbeat() {
		for (Watcher watcher : this.watchers) {
			if (watcher.scheduled.compareAndSet(false, true)) {
				this.senders.execute(() -> beat(watcher));
			}
		}
	}

	private void beat(Watcher watcher) {
		try {
			if (!watcher.sink.heartbeat()) {
				this.watchers.remove(watcher);
			}
		}
		finally {
			watcher.scheduled.set(false);
		}
		if (this.watchers.contains(watcher) && watcher.next <= this.store.revision()) {
			schedule(watcher);
		}
	}

	/**
	 * Called after each applied command: wakes every watcher that has something new.
	 */
	public void changed() {
		long revision = this.store.revision();
		for (Watcher watcher : this.watchers) {
			if (watcher.next <= revision) {
				schedule(watcher);
			}
		}
	}

	private void schedule(Watcher watcher) {
		if (watcher.scheduled.compareAndSet(false, true)) {
			this.senders.execute(() -> drain(watcher));
		}
	}

	private void drain(Watcher watcher) {
		try {
			while (this.watchers.contains(watcher)) {
				List<Change> changes = this.store.changesSince(watcher.next, BATCH);
				if (changes.isEmpty()) {
					break;
				}
				for (Change change : changes) {
					if (change.key().startsWith(watcher.prefix) && !watcher.sink.send(change)) {
						this.watchers.remove(watcher);
						return;
					}
					watcher.next = change.revision() + 1;
				}
			}
		}
		catch (HistoryCompactedException ex) {
			this.watchers.remove(watcher);
			watcher.sink.compacted(ex.oldestAvailableRevision());
			return;
		}
		finally {
			watcher.scheduled.set(false);
		}
		// A change applied between the last read and clearing the flag must not be left
		// waiting.
		if (this.watchers.contains(watcher) && watcher.next <= this.store.revision()) {
			schedule(watcher);
		}
	}

	private static final class Watcher {

		final String prefix;

		final Sink sink;

		final AtomicBoolean scheduled = new AtomicBoolean();

		volatile long next;

		Watcher(String prefix, long next, Sink sink) {
			this.prefix = prefix;
			this.next = next;
			this.sink = sink;
		}

	}

}
