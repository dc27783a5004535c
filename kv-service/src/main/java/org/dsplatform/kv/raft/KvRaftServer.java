package org.dsplatform.kv.raft;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import org.apache.ratis.client.RaftClient;
import org.apache.ratis.client.RaftClientConfigKeys;
import org.apache.ratis.conf.Parameters;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.grpc.GrpcFactory;
import org.apache.ratis.proto.RaftProtos.LogInfoProto;
import org.apache.ratis.proto.RaftProtos.RaftPeerRole;
import org.apache.ratis.proto.RaftProtos.RoleInfoProto;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.GroupInfoReply;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.protocol.exceptions.LeaderNotReadyException;
import org.apache.ratis.protocol.exceptions.RaftException;
import org.apache.ratis.retry.RetryPolicies;
import org.apache.ratis.server.DivisionInfo;
import org.apache.ratis.server.RaftServer.Division;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.SnapshotInfo;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.util.SizeInBytes;
import org.apache.ratis.util.TimeDuration;
import org.dsplatform.kv.statemachine.KvCodec;
import org.dsplatform.kv.statemachine.KvCodec.Reply;
import org.dsplatform.kv.statemachine.KvStateMachine;
import org.dsplatform.kv.storage.KvCommand;
import org.dsplatform.kv.storage.KvQuery;
import org.dsplatform.kv.storage.KvStore;

/**
 * One kv node's Raft peer (Apache Ratis over gRPC) and its client into the group.
 * <p>
 * Writes go through the log: the client finds the leader, the leader replicates, and the
 * answer comes back only after the entry is committed and applied. Linearizable reads are
 * served by this node after a ReadIndex round with the leader (no log entry); stale reads
 * are answered from this node's state as it is. A request that cannot be served within
 * the request timeout (no leader, no quorum) fails with {@link KvUnavailableException}.
 * Thread-safe.
 */
public final class KvRaftServer implements Closeable {

	/** Every kv node belongs to this one group. */
	static final RaftGroupId GROUP_ID = RaftGroupId
		.valueOf(UUID.nameUUIDFromBytes("dsplatform-kv".getBytes(StandardCharsets.UTF_8)));

	private final KvNodeSettings settings;

	private final RaftPeerId peerId;

	private final KvStateMachine stateMachine;

	private final RaftServer server;

	private final RaftClient client;

	private final RaftProperties clientProperties;

	/** Identifies the requests this node submits to its own server. */
	private final ClientId localClientId = ClientId.randomId();

	private final AtomicLong localCallIds = new AtomicLong();

	private KvRaftServer(KvNodeSettings settings, LongSupplier nanoClock) throws IOException {
		this.settings = settings;
		this.peerId = RaftPeerId.valueOf(settings.nodeId());
		this.stateMachine = new KvStateMachine(settings.historyLimit(), nanoClock);
		RaftGroup group = RaftGroup.valueOf(GROUP_ID, peers(settings.peers()));
		this.server = RaftServer.newBuilder()
			.setServerId(this.peerId)
			.setGroup(group)
			.setStateMachine(this.stateMachine)
			.setProperties(serverProperties(settings))
			.setOption(RaftStorage.StartupOption.RECOVER)
			.build();
		this.clientProperties = clientProperties(settings);
		this.client = newClient(group);
	}

	/**
	 * Starts this node's Raft peer; it joins (or, on first start of the group, forms) the
	 * group with its peers.
	 */
	public static KvRaftServer start(KvNodeSettings settings) throws IOException {
		return start(settings, System::nanoTime);
	}

	/**
	 * As {@link #start(KvNodeSettings)}, with the clock that times lease deadlines.
	 */
	public static KvRaftServer start(KvNodeSettings settings, LongSupplier nanoClock) throws IOException {
		KvRaftServer node = new KvRaftServer(settings, nanoClock);
		node.server.start();
		return node;
	}

	public String nodeId() {
		return this.settings.nodeId();
	}

	public KvStateMachine stateMachine() {
		return this.stateMachine;
	}

	public KvStore store() {
		return this.stateMachine.store();
	}

	/**
	 * Proposes a command and answers with its result once it is committed and applied.
	 */
	public CompletableFuture<Reply> write(KvCommand command) {
		Message message = Message.valueOf(ByteString.copyFrom(KvCodec.encode(command)));
		if (!info().isLeader()) {
			return bounded(this.client.async().send(message), "write");
		}
		return bounded(submitHere(message, RaftClientRequest.writeRequestType()).thenCompose((reply) -> {
			if (reply.isSuccess() || !neverAppended(reply)) {
				return CompletableFuture.completedFuture(reply);
			}
			return this.client.async().send(message);
		}), "write");
	}

	/**
	 * Whether a write submitted here was refused before it entered the log, so that it
	 * can safely be sent again through the client: this node was no longer, or not yet,
	 * the leader. A write refused later may still commit, and sending it again would
	 * apply it twice.
	 */
	private static boolean neverAppended(RaftClientReply reply) {
		return reply.getNotLeaderException() != null || reply.getException() instanceof LeaderNotReadyException;
	}

	/**
	 * Answers a query linearizably: the answer reflects every write acknowledged before
	 * the query began.
	 */
	public CompletableFuture<Reply> readLinearizable(KvQuery query) {
		Message message = Message.valueOf(ByteString.copyFrom(KvCodec.encode(query)));
		return bounded(submitHere(message, RaftClientRequest.readRequestType())
			.thenCompose((reply) -> reply.isSuccess() ? CompletableFuture.completedFuture(reply)
					: this.client.async().sendReadOnlyUnordered(message, this.peerId)),
				"read");
	}

	/**
	 * Submits a request to this node's own Raft server, in process, sparing the round
	 * trip over gRPC from this node's client to its own server. For a linearizable read a
	 * follower asks the leader for its read index, waits to have applied it and answers;
	 * a write is only submitted here on the leader. A read refused here (no leader known
	 * yet, an election under way) is sent again through the client, which waits for a
	 * leader within the request timeout; a write only if it never entered the log.
	 */
	private CompletableFuture<RaftClientReply> submitHere(Message message, RaftClientRequest.Type type) {
		RaftClientRequest request = RaftClientRequest.newBuilder()
			.setClientId(this.localClientId)
			.setServerId(this.peerId)
			.setGroupId(GROUP_ID)
			.setCallId(this.localCallIds.incrementAndGet())
			.setMessage(message)
			.setType(type)
			.setTimeoutMs(this.settings.requestTimeout().toMillis())
			.build();
		try {
			return this.server.submitClientRequestAsync(request)
				.exceptionally((failure) -> RaftClientReply.newBuilder()
					.setRequest(request)
					.setException(new RaftException(failure))
					.build());
		}
		catch (IOException ex) {
			return CompletableFuture.completedFuture(
					RaftClientReply.newBuilder().setRequest(request).setException(new RaftException(ex)).build());
		}
	}

	/**
	 * Answers a query from this node's state now, which may lag the leader; the reply
	 * says the index it reflects.
	 */
	public Reply readStale(KvQuery query) {
		return KvCodec.decodeReply(new java.io.ByteArrayInputStream(this.stateMachine.queryLocal(query)));
	}

	/** What this node knows of its own role. */
	public DivisionInfo info() {
		try {
			return this.server.getDivision(GROUP_ID).getInfo();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** This node's commit index. */
	public long commitIndex() {
		try {
			return this.server.getDivision(GROUP_ID).getRaftLog().getLastCommittedIndex();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Whether this node is the leader and has applied its term's first entry (so its
	 * state is current).
	 */
	public boolean isLeaderReady() {
		DivisionInfo info = info();
		return info.isLeader() && info.isLeaderReady();
	}

	/**
	 * Every member of the group's current configuration, each asked for its own view; a
	 * member that does not answer in time is reported {@code UNREACHABLE}.
	 */
	public List<Member> members() {
		List<RaftPeer> peers = new ArrayList<>(group().getPeers());
		List<CompletableFuture<Member>> answers = new ArrayList<>();
		for (RaftPeer peer : peers) {
			if (peer.getId().equals(this.peerId)) {
				answers.add(CompletableFuture.completedFuture(describeSelf(peer)));
				continue;
			}
			answers.add(CompletableFuture.supplyAsync(() -> describe(peer))
				.completeOnTimeout(unreachable(peer), 2, TimeUnit.SECONDS)
				.exceptionally((ex) -> unreachable(peer)));
		}
		List<Member> members = new ArrayList<>(answers.stream().map(CompletableFuture::join).toList());
		members.sort((a, b) -> a.id().compareTo(b.id()));
		return members;
	}

	/**
	 * Asks the leader to hand leadership to the given member, and waits until it has.
	 */
	public void transferLeadership(String targetId) {
		admin((client) -> client.admin()
			.transferLeadership(RaftPeerId.valueOf(targetId), this.settings.requestTimeout().toMillis()));
	}

	/**
	 * Adds a member (Raft membership change, joint consensus). The new member must be
	 * running; it starts empty and catches up from the leader's log or snapshot.
	 */
	public void addMember(String id, String address) {
		List<RaftPeer> peers = new ArrayList<>(group().getPeers());
		peers.removeIf((peer) -> peer.getId().toString().equals(id));
		peers.add(RaftPeer.newBuilder().setId(id).setAddress(address).build());
		admin((client) -> client.admin().setConfiguration(peers));
	}

	/**
	 * Removes a member from the group's configuration.
	 */
	public void removeMember(String id) {
		List<RaftPeer> peers = new ArrayList<>(group().getPeers());
		if (!peers.removeIf((peer) -> peer.getId().toString().equals(id))) {
			throw new IllegalArgumentException("No member " + id);
		}
		admin((client) -> client.admin().setConfiguration(peers));
	}

	/** Whether the group's current configuration has a member with this id. */
	public boolean isMember(String id) {
		return group().getPeers().stream().anyMatch((peer) -> peer.getId().toString().equals(id));
	}

	/** The group as this node's current configuration has it. */
	RaftGroup group() {
		try {
			return this.server.getDivision(GROUP_ID).getGroup();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void close() {
		try {
			this.client.close();
		}
		catch (IOException ex) {
			// closing anyway
		}
		try {
			this.server.close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * This node's own view, read from its own state. Asked over gRPC like the others, a
	 * node on the running platform sometimes left its own question unanswered for the
	 * whole timeout and listed itself as unreachable while healthy; its state is at hand
	 * and needs no round trip.
	 */
	private Member describeSelf(RaftPeer peer) {
		try {
			Division division = this.server.getDivision(GROUP_ID);
			DivisionInfo info = division.getInfo();
			RaftPeerId leader = info.getLeaderId();
			SnapshotInfo snapshot = this.stateMachine.getLatestSnapshot();
			return new Member(peer.getId().toString(), peer.getAddress(), info.getCurrentRole().name(),
					info.getCurrentTerm(), (leader != null) ? leader.toString() : null,
					division.getRaftLog().getLastCommittedIndex(), info.getLastAppliedIndex(),
					(snapshot != null) ? snapshot.getIndex() : 0);
		}
		catch (IOException ex) {
			return unreachable(peer);
		}
	}

	private Member describe(RaftPeer peer) {
		try (RaftClient admin = newClient(group())) {
			GroupInfoReply reply = admin.getGroupManagementApi(peer.getId()).info(GROUP_ID);
			RoleInfoProto role = reply.getRoleInfoProto();
			LogInfoProto log = reply.getLogInfoProto();
			String leaderId = switch (role.getRole()) {
				case LEADER -> peer.getId().toString();
				case FOLLOWER -> role.getFollowerInfo().getLeaderInfo().getId().getId().toStringUtf8();
				default -> null;
			};
			long term = (role.getRole() == RaftPeerRole.LEADER) ? role.getLeaderInfo().getTerm()
					: log.getLastEntry().getTerm();
			return new Member(peer.getId().toString(), peer.getAddress(), role.getRole().name(), term,
					(leaderId == null || leaderId.isEmpty()) ? null : leaderId, log.getCommitted().getIndex(),
					log.getApplied().getIndex(), log.getLastSnapshot().getIndex());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Member unreachable(RaftPeer peer) {
		return new Member(peer.getId().toString(), peer.getAddress(), "UNREACHABLE", 0, null, 0, 0, 0);
	}

	private void admin(AdminCall call) {
		try (RaftClient admin = newClient(group())) {
			RaftClientReply reply = call.run(admin);
			if (!reply.isSuccess()) {
				throw new KvUnavailableException("The cluster refused: " + reply.getException(), reply.getException());
			}
		}
		catch (IOException ex) {
			throw new KvUnavailableException("The cluster did not complete the change: " + ex.getMessage(), ex);
		}
	}

	private CompletableFuture<Reply> bounded(CompletableFuture<RaftClientReply> reply, String what) {
		return reply.orTimeout(this.settings.requestTimeout().toMillis(), TimeUnit.MILLISECONDS)
			.handle((answer, failure) -> {
				if (failure != null) {
					Throwable cause = (failure instanceof CompletionException) ? failure.getCause() : failure;
					String reason = (cause instanceof TimeoutException)
							? "no answer within " + this.settings.requestTimeout().toMillis() + " ms"
							: String.valueOf(cause.getMessage());
					throw new KvUnavailableException("The " + what + " could not be served: " + reason, cause);
				}
				if (!answer.isSuccess()) {
					throw new KvUnavailableException(
							"The " + what + " could not be served: " + answer.getException().getMessage(),
							answer.getException());
				}
				return KvCodec.decodeReply(answer.getMessage().getContent().newInput());
			});
	}

	private RaftClient newClient(RaftGroup group) {
		int attempts = (int) Math.max(1, this.settings.requestTimeout().toMillis() / 100);
		return RaftClient.newBuilder()
			.setProperties(this.clientProperties)
			.setRaftGroup(group)
			.setClientId(ClientId.randomId())
			.setRetryPolicy(RetryPolicies.retryUpToMaximumCountWithFixedSleep(attempts,
					TimeDuration.valueOf(100, TimeUnit.MILLISECONDS)))
			.setClientRpc(
					new GrpcFactory(new Parameters()).newRaftClientRpc(ClientId.randomId(), this.clientProperties))
			.build();
	}

	private static List<RaftPeer> peers(Map<String, String> peers) {
		List<RaftPeer> list = new ArrayList<>();
		peers.forEach((id, address) -> list.add(RaftPeer.newBuilder().setId(id).setAddress(address).build()));
		list.sort((a, b) -> a.getId().toString().compareTo(b.getId().toString()));
		return Collections.unmodifiableList(list);
	}

	private static RaftProperties serverProperties(KvNodeSettings settings) {
		RaftProperties properties = new RaftProperties();
		RaftServerConfigKeys.setStorageDir(properties, List.of(settings.dataDir().resolve("raft").toFile()));
		GrpcConfigKeys.Server.setPort(properties, settings.raftPort());
		RaftServerConfigKeys.Read.setOption(properties, RaftServerConfigKeys.Read.Option.LINEARIZABLE);
		RaftServerConfigKeys.Snapshot.setAutoTriggerEnabled(properties, true);
		RaftServerConfigKeys.Snapshot.setAutoTriggerThreshold(properties, settings.snapshotThreshold());
		RaftServerConfigKeys.Snapshot.setCreationGap(properties, Math.min(1024, settings.snapshotThreshold()));
		RaftServerConfigKeys.Snapshot.setRetentionFileNum(properties, 2);
		RaftServerConfigKeys.Log.setPurgeUptoSnapshotIndex(properties, true);
		RaftServerConfigKeys.Log.setPurgeGap(properties, (int) Math.min(1024, settings.snapshotThreshold()));
		RaftServerConfigKeys.Log.setSegmentSizeMax(properties, SizeInBytes.valueOf(settings.logSegmentBytes()));
		// Ratis caches up to 200 MB of log entries by default, most of a
		// node's heap: keep the open segment and two closed ones, enough for
		// followers a few seconds behind.
		RaftServerConfigKeys.Log.setSegmentCacheNumMax(properties, 2);
		RaftServerConfigKeys.Log.setSegmentCacheSizeMax(properties, SizeInBytes.valueOf("48MB"));
		// The log worker keeps appending while the previous batch is fsynced;
		// an entry still counts towards the commit quorum only once on disk.
		RaftServerConfigKeys.Log.setAsyncFlushEnabled(properties, true);
		// The retry cache answers a client's retry of a request already
		// applied. This node's client gives up after the request timeout, so
		// replies kept longer (60 s by default, a minute of written values)
		// only fill the heap.
		RaftServerConfigKeys.RetryCache.setExpiryTime(properties, duration(settings.requestTimeout().multipliedBy(2)));
		RaftServerConfigKeys.Rpc.setTimeoutMin(properties, duration(settings.electionTimeoutMin()));
		RaftServerConfigKeys.Rpc.setTimeoutMax(properties, duration(settings.electionTimeoutMax()));
		RaftServerConfigKeys.Rpc.setRequestTimeout(properties, duration(settings.requestTimeout()));
		return properties;
	}

	private static RaftProperties clientProperties(KvNodeSettings settings) {
		RaftProperties properties = new RaftProperties();
		RaftClientConfigKeys.Rpc.setRequestTimeout(properties, duration(settings.requestTimeout()));
		RaftClientConfigKeys.Async.setOutstandingRequestsMax(properties, 4096);
		return properties;
	}

	private static TimeDuration duration(java.time.Duration duration) {
		return TimeDuration.valueOf(duration.toMillis(), TimeUnit.MILLISECONDS);
	}

	@FunctionalInterface
	private interface AdminCall {

		RaftClientReply run(RaftClient client) throws IOException;

	}

}
