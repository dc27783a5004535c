package org.dsplatform.bench.ratis;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.statemachine.impl.BaseStateMachine;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;

/**
 * The least a key-value state machine can do: a put replaces a key's value in a map, a
 * query reads it. No revisions, history, leases, fencing or snapshots, so that a run
 * against it measures Ratis's own replication and read path.
 * <p>
 * A put's log entry is the key's length (4 bytes), the key in UTF-8, then the value; a
 * query is the key in UTF-8 and answers the value, empty if the key is absent.
 */
final class MapStateMachine extends BaseStateMachine {

	private final Map<String, ByteString> values = new ConcurrentHashMap<>();

	static Message put(String key, byte[] value) {
		byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
		ByteBuffer entry = ByteBuffer.allocate(Integer.BYTES + keyBytes.length + value.length);
		entry.putInt(keyBytes.length).put(keyBytes).put(value).flip();
		return Message.valueOf(ByteString.copyFrom(entry));
	}

	static Message query(String key) {
		return Message.valueOf(key);
	}

	@Override
	public CompletableFuture<Message> applyTransaction(TransactionContext transaction) {
		LogEntryProto entry = transaction.getLogEntry();
		ByteString data = entry.getStateMachineLogEntry().getLogData();
		int keyLength = data.asReadOnlyByteBuffer().getInt();
		String key = data.substring(Integer.BYTES, Integer.BYTES + keyLength).toStringUtf8();
		this.values.put(key, data.substring(Integer.BYTES + keyLength));
		updateLastAppliedTermIndex(entry.getTerm(), entry.getIndex());
		return CompletableFuture.completedFuture(Message.EMPTY);
	}

	@Override
	public CompletableFuture<Message> query(Message request) {
		ByteString value = this.values.getOrDefault(request.getContent().toStringUtf8(), ByteString.EMPTY);
		return CompletableFuture.completedFuture(Message.valueOf(value));
	}

}
