package org.dsplatform.kv.raft;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import org.dsplatform.kv.storage.KvCommand;
import org.dsplatform.kv.storage.KvResult;

/**
 * An in-process Raft group of kv nodes on free ports and temporary directories, in the
 * manner of Ratis's MiniRaftCluster: every Raft test runs against real peers talking gRPC
 * over loopback. Nodes can be stopped and restarted on their data, and new ones added.
 */
public final class KvCluster implements AutoCloseable {

	private final Path baseDir;

	/**
	 * Small log segments, so that a few hundred writes close segments the leader can
	 * purge behind its snapshots, as weeks of traffic do with the default size.
	 */
	static final long LOG_SEGMENT_BYTES = 16 * 1024;

	private final long snapshotThreshold;

	private final LongSupplier nanoClock;

	private final Map<String, String> peers = new LinkedHashMap<>();

	private final Map<String, KvRaftServer> running = new LinkedHashMap<>();

	private KvCluster(Path baseDir, long snapshotThreshold, LongSupplier nanoClock) {
		this.baseDir = baseDir;
		this.snapshotThreshold = snapshotThreshold;
		this.nanoClock = nanoClock;
	}

	public static KvCluster start(int nodes, Path baseDir) {
		return start(nodes, baseDir, 100_000, System::nanoTime);
	}

	public static KvCluster start(int nodes, Path baseDir, long snapshotThreshold, LongSupplier nanoClock) {
		KvCluster cluster = new KvCluster(baseDir, snapshotThreshold, nanoClock);
		for (int i = 1; i <= nodes; i++) {
			cluster.peers.put("kv-" + i, "127.0.0.1:" + freePort());
		}
		cluster.peers.keySet().forEach(cluster::startNode);
		return cluster;
	}

	/** A running node. */
	public KvRaftServer node(String id) {
		KvRaftServer node = this.running.get(id);
		if (node == null) {
			throw new IllegalStateException(id + " is not running");
		}
		return node;
	}

	public List<KvRaftServer> nodes() {
		return new ArrayList<>(this.running.values());
	}

	public List<String> ids() {
		return new ArrayList<>(this.peers.keySet());
	}

	/** Waits until one running node is a ready leader. */
	public KvRaftServer awaitLeader(Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			Optional<KvRaftServer> leader = this.running.values()
				.stream()
				.filter(KvRaftServer::isLeaderReady)
				.findFirst();
			if (leader.isPresent()) {
				return leader.get();
			}
			sleep(20);
		}
		throw new IllegalStateException("No leader within " + timeout);
	}

	/** A running node that is not the leader. */
	public KvRaftServer aFollower() {
		return this.running.values().stream().filter((node) -> !node.info().isLeader()).findFirst().orElseThrow();
	}

	/** Stops a node; its data stays, as after a crash of its process. */
	public void stop(String id) {
		KvRaftServer node = this.running.remove(id);
		if (node != null) {
			node.close();
		}
	}

	/** Starts a stopped node again on its data. */
	public KvRaftServer restart(String id) {
		return startNode(id);
	}

	/**
	 * Starts a new, empty node that knows the current members; it serves once the group
	 * adds it as a member.
	 */
	public KvRaftServer startNewNode(String id) {
		this.peers.put(id, "127.0.0.1:" + freePort());
		return startNode(id);
	}

	public String address(String id) {
		return this.peers.get(id);
	}

	/** Writes through a node and waits for the result. */
	public static KvResult write(KvRaftServer node, KvCommand command) {
		try {
			return node.write(command).get(30, TimeUnit.SECONDS).result();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() {
		new ArrayList<>(this.running.keySet()).forEach(this::stop);
	}

	private KvRaftServer startNode(String id) {
		KvNodeSettings settings = new KvNodeSettings(id, this.peers, this.baseDir.resolve(id), this.snapshotThreshold,
				10_000, Duration.ofMillis(300), Duration.ofMillis(600), Duration.ofSeconds(10), LOG_SEGMENT_BYTES);
		try {
			KvRaftServer node = KvRaftServer.start(settings, this.nanoClock);
			this.running.put(id, node);
			return node;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
