package org.dsplatform.common.ring;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.dsplatform.common.event.KvChange;
import org.dsplatform.common.kv.KvHttpClient;
import org.dsplatform.common.kv.KvHttpClient.Entry;
import org.dsplatform.common.kv.KvHttpClient.Range;

/**
 * The members of a hash ring as registered in the key-value store: one key per member
 * under a prefix ({@code registry/cache/<nodeId>}, value = its base URL), each attached
 * to the member's lease, so a member that dies leaves when its lease expires. Reads the
 * registry, then follows it with a watch; the ring's version is the KV revision of the
 * membership it reflects.
 * <p>
 * If the store cannot be reached, the last known ring (at first the configured seed
 * members) stays in use; an empty registry never replaces a non-empty ring. Thread-safe.
 */
public final class RingMembership implements AutoCloseable {

	private static final Log log = LogFactory.getLog(RingMembership.class);

	private final KvHttpClient kv;

	private final String prefix;

	private final int virtualNodes;

	private final Map<String, String> members = new TreeMap<>();

	private final CopyOnWriteArrayList<Consumer<HashRing>> listeners = new CopyOnWriteArrayList<>();

	private final Thread thread;

	private volatile HashRing ring;

	private volatile Map<String, String> urls;

	private volatile boolean running = true;

	private volatile InputStream stream;

	/**
	 * @param seed the members to use until the registry answers (id to base URL)
	 */
	public RingMembership(KvHttpClient kv, String prefix, Map<String, String> seed, int virtualNodes) {
		this.kv = kv;
		this.prefix = prefix;
		this.virtualNodes = virtualNodes;
		this.urls = Map.copyOf(seed);
		this.ring = HashRing.of(seed.keySet(), virtualNodes, 0);
		this.thread = new Thread(this::follow, "ring-membership");
		this.thread.setDaemon(true);
	}

	/** Starts following the registry in the background. */
	public RingMembership start() {
		this.thread.start();
		return this;
	}

	/** The current ring. */
	public HashRing ring() {
		return this.ring;
	}

	/** The base URL of each current member. */
	public Map<String, String> urls() {
		return this.urls;
	}

	/** Called with each new ring, on the membership thread. */
	public void onChange(Consumer<HashRing> listener) {
		this.listeners.add(listener);
	}

	private void follow() {
		while (this.running) {
			try {
				Range range = this.kv.range(this.prefix);
				synchronized (this.members) {
					this.members.clear();
					// The ring's version is the revision of the last membership change:
					// the
					// newest registration the listing holds.
					long lastChange = 0;
					for (Entry entry : range.entries()) {
						this.members.put(entry.key().substring(this.prefix.length()), entry.value());
						lastChange = Math.max(lastChange, entry.modRevision());
					}
					if (!this.members.keySet().equals(this.ring.members()) && lastChange <= this.ring.version()) {
						// A member left while this node was not watching: its deletion is
						// newer than every registration listed, and the listing's
						// revision
						// is the closest bound on it, so the version never goes back.
						lastChange = range.revision();
					}
					publish(lastChange);
				}
				this.kv.watch(this.prefix, range.revision() + 1, this::apply, (opened) -> this.stream = opened);
			}
			catch (RuntimeException ex) {
				if (this.running) {
					log.warn("Cannot follow the ring registry (" + ex.getMessage() + "); keeping ring version "
							+ this.ring.version());
				}
			}
			pause();
		}
	}

	private void apply(KvChange change) {
		synchronized (this.members) {
			String member = change.key().substring(this.prefix.length());
			if (change.isDelete()) {
				this.members.remove(member);
			}
			else {
				this.members.put(member, change.value());
			}
			publish(change.revision());
		}
	}

	private void publish(long revision) {
		if (this.members.isEmpty()) {
			return;
		}
		// A seed ring (version 0) gives way to the registry's even when the members
		// agree,
		// so that every node and the gateway report the same version.
		boolean changed = !this.members.keySet().equals(this.ring.members()) || !this.members.equals(this.urls)
				|| (this.ring.version() == 0 && revision > 0);
		this.urls = Map.copyOf(this.members);
		if (changed) {
			this.ring = HashRing.of(this.members.keySet(), this.virtualNodes, revision);
			log.info("Ring version " + revision + ": " + this.members.keySet());
			this.listeners.forEach((listener) -> listener.accept(this.ring));
		}
	}

	private void pause() {
		try {
			Thread.sleep(1000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.running = false;
		}
	}

	@Override
	public void close() {
		this.running = false;
		InputStream open = this.stream;
		if (open != null) {
			try {
				open.close();
			}
			catch (IOException ex) {
				// closing anyway
			}
		}
		this.thread.interrupt();
	}

}
