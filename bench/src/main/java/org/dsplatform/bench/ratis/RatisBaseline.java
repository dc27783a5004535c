package org.dsplatform.bench.ratis;

import java.io.Closeable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.util.SizeInBytes;
import org.apache.ratis.util.TimeDuration;

/**
 * Three Ratis peers in this process, over gRPC on loopback with their logs on disk, with
 * a {@link MapStateMachine}: Ratis alone, with none of the kv-service's layers (HTTP,
 * JSON, revisions and history, the change stream, leases, fencing). Requests are handed
 * to a peer in process, as the kv-service hands them to its own peer, so no client RPC is
 * measured either: a write goes to the leader, a linearizable read to any peer (a
 * follower asks the leader for its read index first).
 * <p>
 * The peers run with the kv-service's Ratis settings where they bear on speed or
 * stability (log flushed asynchronously, ReadIndex reads, a bounded log cache, election
 * timeouts of 500 ms to 1 s), and Ratis's defaults otherwise. Running in one process they
 * share one JVM, its heap and its JIT, which makes the yardstick cheaper, not dearer,
 * than three processes. Thread-safe.
 */
public final class RatisBaseline implements Closeable {

	private static final RaftGroupId GROUP_ID = RaftGroupId
		.valueOf(UUID.nameUUIDFromBytes("dsplatform-bench-ratis".getBytes(java.nio.charset.StandardCharsets.UTF_8)));

	private static final int PEERS = 3;

	private static final long REQUEST_TIMEOUT_MS = 10_000;

	private final Path directory;

	private final List<RaftServer> servers;

	private final ClientId clientId = ClientId.randomId();

	private final AtomicLong callIds = new AtomicLong();

	private volatile RaftServer leader;

	private RatisBaseline(Path directory, List<RaftServer> servers) {
		this.directory = directory;
		this.servers = servers;
	}

	/**
	 * Starts the three peers with their logs under {@code directory} and waits until one
	 * of them leads and has committed its term's first entry.
	 * @param directory a directory of its own, created if absent and deleted on
	 * {@link #close()}
	 * @param timeoutMillis how long to wait for a leader
	 * @return the running group
	 * @throws IOException if a peer does not start or no leader is ready in time
	 */
	public static RatisBaseline start(Path directory, long timeoutMillis) throws IOException {
		Files.createDirectories(directory);
		List<RaftPeer> peers = new ArrayList<>();
		for (int i = 1; i <= PEERS; i++) {
			peers.add(RaftPeer.newBuilder().setId("p" + i).setAddress("127.0.0.1:" + freePort()).build());
		}
		RaftGroup group = RaftGroup.valueOf(GROUP_ID, peers);
		List<RaftServer> servers = new ArrayList<>();
		RatisBaseline baseline = new RatisBaseline(directory, servers);
		try {
			for (RaftPeer peer : peers) {
				RaftServer server = RaftServer.newBuilder()
					.setServerId(peer.getId())
					.setGroup(group)
					.setStateMachine(new MapStateMachine())
					.setProperties(properties(directory.resolve(peer.getId().toString()), peer))
					.setOption(RaftStorage.StartupOption.FORMAT)
					.build();
				servers.add(server);
				server.start();
			}
			baseline.awaitLeader(timeoutMillis);
			return baseline;
		}
		catch (IOException | RuntimeException ex) {
			baseline.close();
			throw ex;
		}
	}

	/**
	 * Writes a key's value through the Raft log, returning once the entry is committed
	 * and applied on the leader.
	 * @throws IOException if the write fails or does not complete within 10 s
	 */
	public void put(String key, byte[] value) throws IOException {
		RaftClientReply reply = submit(leaderOrFind(), MapStateMachine.put(key, value),
				RaftClientRequest.writeRequestType());
		if (!reply.isSuccess() && reply.getNotLeaderException() != null) {
			// A write refused by a former leader never entered its log: safe to send
			// again.
			this.leader = null;
			reply = submit(leaderOrFind(), MapStateMachine.put(key, value), RaftClientRequest.writeRequestType());
		}
		check(reply);
	}

	/**
	 * Reads a key's value linearizably on one of the peers.
	 * @param key the key
	 * @param peer which peer answers, taken modulo the number of peers
	 * @return the value, empty if the key is absent
	 * @throws IOException if the read fails or does not complete within 10 s
	 */
	public byte[] get(String key, int peer) throws IOException {
		RaftServer server = this.servers.get(Math.floorMod(peer, this.servers.size()));
		RaftClientReply reply = submit(server, MapStateMachine.query(key), RaftClientRequest.readRequestType());
		check(reply);
		return reply.getMessage().getContent().toByteArray();
	}

	/** The peers, their addresses and the settings, for a report. */
	public String describe() {
		return PEERS + " Ratis " + RaftServer.class.getPackage().getImplementationVersion()
				+ " peers in the bench's own JVM, gRPC on loopback, logs under " + this.directory
				+ " (deleted after the runs), a map as the state machine; requests handed to a peer in process";
	}

	/** Stops the peers and deletes their logs. */
	@Override
	public void close() {
		for (RaftServer server : this.servers) {
			try {
				server.close();
			}
			catch (IOException ex) {
				// The peer is going away with its directory; nothing else holds it.
			}
		}
		try (Stream<Path> paths = Files.walk(this.directory)) {
			paths.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
		catch (IOException | UncheckedIOException ex) {
			// Left behind under the report directory, where a reader can see and remove
			// it.
		}
	}

	private static RaftProperties properties(Path storage, RaftPeer peer) {
		RaftProperties properties = new RaftProperties();
		RaftServerConfigKeys.setStorageDir(properties, List.of(storage.toFile()));
		GrpcConfigKeys.Server.setPort(properties, Integer.parseInt(peer.getAddress().split(":")[1]));
		RaftServerConfigKeys.Read.setOption(properties, RaftServerConfigKeys.Read.Option.LINEARIZABLE);
		RaftServerConfigKeys.Log.setAsyncFlushEnabled(properties, true);
		RaftServerConfigKeys.Log.setSegmentCacheNumMax(properties, 2);
		RaftServerConfigKeys.Log.setSegmentCacheSizeMax(properties, SizeInBytes.valueOf("48MB"));
		// kv-service's election timeouts: with Ratis's defaults (150 to 300 ms) a
		// follower starved of CPU on a loaded machine calls elections that the
		// kv-service would not, and the reads in flight fail.
		RaftServerConfigKeys.Rpc.setTimeoutMin(properties, TimeDuration.valueOf(500, TimeUnit.MILLISECONDS));
		RaftServerConfigKeys.Rpc.setTimeoutMax(properties, TimeDuration.valueOf(1000, TimeUnit.MILLISECONDS));
		return properties;
	}

	private void awaitLeader(long timeoutMillis) throws IOException {
		long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
		while (System.nanoTime() < deadline) {
			for (RaftServer server : this.servers) {
				if (server.getDivision(GROUP_ID).getInfo().isLeaderReady()) {
					this.leader = server;
					return;
				}
			}
			try {
				Thread.sleep(50);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new InterruptedIOException("interrupted while waiting for a leader");
			}
		}
		throw new IOException("no leader within " + timeoutMillis + " ms");
	}

	private RaftServer leaderOrFind() throws IOException {
		RaftServer current = this.leader;
		if (current != null) {
			return current;
		}
		awaitLeader(REQUEST_TIMEOUT_MS);
		return this.leader;
	}

	private RaftClientReply submit(RaftServer server, Message message, RaftClientRequest.Type type) throws IOException {
		RaftClientRequest request = RaftClientRequest.newBuilder()
			.setClientId(this.clientId)
			.setServerId(server.getId())
			.setGroupId(GROUP_ID)
			.setCallId(this.callIds.incrementAndGet())
			.setMessage(message)
			.setType(type)
			.setTimeoutMs(REQUEST_TIMEOUT_MS)
			.build();
		try {
			return server.submitClientRequestAsync(request).get(REQUEST_TIMEOUT_MS, TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new InterruptedIOException("interrupted while waiting for a reply");
		}
		catch (ExecutionException ex) {
			throw new IOException(ex.getCause());
		}
		catch (TimeoutException ex) {
			throw new IOException("no reply within " + REQUEST_TIMEOUT_MS + " ms", ex);
		}
	}

	private static void check(RaftClientReply reply) throws IOException {
		if (!reply.isSuccess()) {
			throw new IOException((reply.getException() != null) ? reply.getException() : new IOException("failed"));
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
