package org.dsplatform.kv.statemachine;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import org.dsplatform.kv.storage.DataIo;
import org.dsplatform.kv.storage.KeyValue;
import org.dsplatform.kv.storage.KvCommand;
import org.dsplatform.kv.storage.KvCommand.Delete;
import org.dsplatform.kv.storage.KvCommand.ExpireLeases;
import org.dsplatform.kv.storage.KvCommand.Fence;
import org.dsplatform.kv.storage.KvCommand.GrantLease;
import org.dsplatform.kv.storage.KvCommand.KeepAlive;
import org.dsplatform.kv.storage.KvCommand.MarkPublished;
import org.dsplatform.kv.storage.KvCommand.Precondition;
import org.dsplatform.kv.storage.KvCommand.Put;
import org.dsplatform.kv.storage.KvCommand.RevokeLease;
import org.dsplatform.kv.storage.KvQuery;
import org.dsplatform.kv.storage.KvQuery.Get;
import org.dsplatform.kv.storage.KvQuery.GetLease;
import org.dsplatform.kv.storage.KvQuery.Range;
import org.dsplatform.kv.storage.KvResult;
import org.dsplatform.kv.storage.KvResult.Done;
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
 * The binary form of commands (in the Raft log), queries and results (in replies).
 * Compact and versioned by a tag byte per type; a log written by this version must stay
 * readable by later ones, so tags are never reused.
 */
public final class KvCodec {

	private static final byte PUT = 1;

	private static final byte DELETE = 2;

	private static final byte GRANT_LEASE = 3;

	private static final byte KEEP_ALIVE = 4;

	private static final byte REVOKE_LEASE = 5;

	private static final byte EXPIRE_LEASES = 6;

	private static final byte MARK_PUBLISHED = 7;

	private static final byte GET = 20;

	private static final byte RANGE = 21;

	private static final byte GET_LEASE = 22;

	private static final byte WRITTEN = 40;

	private static final byte PRECONDITION_FAILED = 41;

	private static final byte FENCED = 42;

	private static final byte KEY_NOT_FOUND = 43;

	private static final byte LEASE_NOT_FOUND = 44;

	private static final byte LEASE_STATE = 45;

	private static final byte LEASES_ENDED = 46;

	private static final byte DONE = 47;

	private static final byte FOUND = 48;

	private static final byte PAGE = 49;

	private KvCodec() {
	}

	public static byte[] encode(KvCommand command) {
		return write((out) -> {
			if (command instanceof Put put) {
				out.writeByte(PUT);
				DataIo.writeString(out, put.key());
				DataIo.writeString(out, put.value());
				out.writeLong(put.leaseId());
				writePrecondition(out, put.precondition());
				writeFence(out, put.fence());
			}
			else if (command instanceof Delete delete) {
				out.writeByte(DELETE);
				DataIo.writeString(out, delete.key());
				writePrecondition(out, delete.precondition());
				writeFence(out, delete.fence());
			}
			else if (command instanceof GrantLease grant) {
				out.writeByte(GRANT_LEASE);
				out.writeLong(grant.ttlMs());
			}
			else if (command instanceof KeepAlive keepAlive) {
				out.writeByte(KEEP_ALIVE);
				out.writeLong(keepAlive.leaseId());
			}
			else if (command instanceof RevokeLease revoke) {
				out.writeByte(REVOKE_LEASE);
				out.writeLong(revoke.leaseId());
			}
			else if (command instanceof ExpireLeases expire) {
				out.writeByte(EXPIRE_LEASES);
				out.writeInt(expire.expiries().size());
				for (ExpireLeases.Expiry expiry : expire.expiries()) {
					out.writeLong(expiry.leaseId());
					out.writeLong(expiry.renewals());
				}
			}
			else {
				out.writeByte(MARK_PUBLISHED);
				out.writeLong(((MarkPublished) command).revision());
			}
		});
	}

	public static KvCommand decodeCommand(InputStream bytes) {
		return read(bytes, (in) -> {
			byte tag = in.readByte();
			return switch (tag) {
				case PUT -> new Put(DataIo.readString(in), DataIo.readString(in), in.readLong(), readPrecondition(in),
						readFence(in));
				case DELETE -> new Delete(DataIo.readString(in), readPrecondition(in), readFence(in));
				case GRANT_LEASE -> new GrantLease(in.readLong());
				case KEEP_ALIVE -> new KeepAlive(in.readLong());
				case REVOKE_LEASE -> new RevokeLease(in.readLong());
				case EXPIRE_LEASES -> {
					List<ExpireLeases.Expiry> expiries = new ArrayList<>();
					for (int i = in.readInt(); i > 0; i--) {
						expiries.add(new ExpireLeases.Expiry(in.readLong(), in.readLong()));
					}
					yield new ExpireLeases(expiries);
				}
				case MARK_PUBLISHED -> new MarkPublished(in.readLong());
				default -> throw new IOException("Unknown command tag " + tag);
			};
		});
	}

	public static byte[] encode(KvQuery query) {
		return write((out) -> {
			if (query instanceof Get get) {
				out.writeByte(GET);
				DataIo.writeString(out, get.key());
			}
			else if (query instanceof Range range) {
				out.writeByte(RANGE);
				DataIo.writeString(out, range.prefix());
				DataIo.writeNullableString(out, range.fromKey());
				out.writeInt(range.limit());
			}
			else {
				out.writeByte(GET_LEASE);
				out.writeLong(((GetLease) query).leaseId());
			}
		});
	}

	public static KvQuery decodeQuery(InputStream bytes) {
		return read(bytes, (in) -> {
			byte tag = in.readByte();
			return switch (tag) {
				case GET -> new Get(DataIo.readString(in));
				case RANGE -> new Range(DataIo.readString(in), DataIo.readNullableString(in), in.readInt());
				case GET_LEASE -> new GetLease(in.readLong());
				default -> throw new IOException("Unknown query tag " + tag);
			};
		});
	}

	/**
	 * Encodes a result together with the applied index of the replica that produced it.
	 */
	public static byte[] encode(KvResult result, long appliedIndex) {
		return write((out) -> {
			out.writeLong(appliedIndex);
			writeResult(out, result);
		});
	}

	public static Reply decodeReply(InputStream bytes) {
		return read(bytes, (in) -> {
			long appliedIndex = in.readLong();
			return new Reply(readResult(in), appliedIndex);
		});
	}

	/**
	 * A result and the applied index of the replica that produced it.
	 */
	public record Reply(KvResult result, long appliedIndex) {

	}

	private static void writeResult(DataOutputStream out, KvResult result) throws IOException {
		if (result instanceof Written written) {
			out.writeByte(WRITTEN);
			writeKeyValue(out, written.keyValue());
			out.writeLong(written.revision());
		}
		else if (result instanceof PreconditionFailed failed) {
			out.writeByte(PRECONDITION_FAILED);
			DataIo.writeString(out, failed.key());
			out.writeLong(failed.currentVersion());
			out.writeLong(failed.revision());
		}
		else if (result instanceof Fenced fenced) {
			out.writeByte(FENCED);
			DataIo.writeString(out, fenced.lockName());
			out.writeLong(fenced.token());
			out.writeLong(fenced.highestToken());
		}
		else if (result instanceof KeyNotFound notFound) {
			out.writeByte(KEY_NOT_FOUND);
			DataIo.writeString(out, notFound.key());
			out.writeLong(notFound.revision());
		}
		else if (result instanceof LeaseNotFound notFound) {
			out.writeByte(LEASE_NOT_FOUND);
			out.writeLong(notFound.leaseId());
		}
		else if (result instanceof LeaseState lease) {
			out.writeByte(LEASE_STATE);
			out.writeLong(lease.leaseId());
			out.writeLong(lease.ttlMs());
			out.writeInt(lease.keys().size());
			for (String key : lease.keys()) {
				DataIo.writeString(out, key);
			}
		}
		else if (result instanceof LeasesEnded ended) {
			out.writeByte(LEASES_ENDED);
			out.writeInt(ended.leaseIds().size());
			for (long id : ended.leaseIds()) {
				out.writeLong(id);
			}
			out.writeInt(ended.keysDeleted());
			out.writeLong(ended.revision());
		}
		else if (result instanceof Done done) {
			out.writeByte(DONE);
			out.writeLong(done.revision());
		}
		else if (result instanceof Found found) {
			out.writeByte(FOUND);
			writeKeyValue(out, found.keyValue());
			out.writeLong(found.revision());
		}
		else {
			Page page = (Page) result;
			out.writeByte(PAGE);
			out.writeInt(page.items().size());
			for (KeyValue keyValue : page.items()) {
				writeKeyValue(out, keyValue);
			}
			DataIo.writeNullableString(out, page.nextKey());
			out.writeLong(page.revision());
		}
	}

	private static KvResult readResult(DataInputStream in) throws IOException {
		byte tag = in.readByte();
		switch (tag) {
			case WRITTEN:
				return new Written(readKeyValue(in), in.readLong());
			case PRECONDITION_FAILED:
				return new PreconditionFailed(DataIo.readString(in), in.readLong(), in.readLong());
			case FENCED:
				return new Fenced(DataIo.readString(in), in.readLong(), in.readLong());
			case KEY_NOT_FOUND:
				return new KeyNotFound(DataIo.readString(in), in.readLong());
			case LEASE_NOT_FOUND:
				return new LeaseNotFound(in.readLong());
			case LEASE_STATE: {
				long id = in.readLong();
				long ttl = in.readLong();
				List<String> keys = new ArrayList<>();
				for (int i = in.readInt(); i > 0; i--) {
					keys.add(DataIo.readString(in));
				}
				return new LeaseState(id, ttl, keys);
			}
			case LEASES_ENDED: {
				List<Long> ids = new ArrayList<>();
				for (int i = in.readInt(); i > 0; i--) {
					ids.add(in.readLong());
				}
				return new LeasesEnded(ids, in.readInt(), in.readLong());
			}
			case DONE:
				return new Done(in.readLong());
			case FOUND:
				return new Found(readKeyValue(in), in.readLong());
			case PAGE: {
				List<KeyValue> items = new ArrayList<>();
				for (int i = in.readInt(); i > 0; i--) {
					items.add(readKeyValue(in));
				}
				return new Page(items, DataIo.readNullableString(in), in.readLong());
			}
			default:
				throw new IOException("Unknown result tag " + tag);
		}
	}

	private static void writeKeyValue(DataOutputStream out, KeyValue keyValue) throws IOException {
		DataIo.writeString(out, keyValue.key());
		DataIo.writeString(out, keyValue.value());
		out.writeLong(keyValue.createRevision());
		out.writeLong(keyValue.modRevision());
		out.writeLong(keyValue.version());
		out.writeLong(keyValue.leaseId());
	}

	private static KeyValue readKeyValue(DataInputStream in) throws IOException {
		return new KeyValue(DataIo.readString(in), DataIo.readString(in), in.readLong(), in.readLong(), in.readLong(),
				in.readLong());
	}

	private static void writePrecondition(DataOutputStream out, Precondition precondition) throws IOException {
		out.writeBoolean(precondition.expectedVersion() != null);
		if (precondition.expectedVersion() != null) {
			out.writeLong(precondition.expectedVersion());
		}
		DataIo.writeNullableString(out, precondition.expectedValue());
	}

	private static Precondition readPrecondition(DataInputStream in) throws IOException {
		Long version = in.readBoolean() ? in.readLong() : null;
		String value = DataIo.readNullableString(in);
		return (version == null && value == null) ? Precondition.NONE : new Precondition(version, value);
	}

	private static void writeFence(DataOutputStream out, Fence fence) throws IOException {
		out.writeBoolean(fence != null);
		if (fence != null) {
			DataIo.writeString(out, fence.lockName());
			out.writeLong(fence.token());
		}
	}

	private static Fence readFence(DataInputStream in) throws IOException {
		return in.readBoolean() ? new Fence(DataIo.readString(in), in.readLong()) : null;
	}

	private static byte[] write(Writer writer) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
		try (DataOutputStream out = new DataOutputStream(bytes)) {
			writer.write(out);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return bytes.toByteArray();
	}

	private static <T> T read(InputStream bytes, Reader<T> reader) {
		try (DataInputStream in = new DataInputStream(bytes)) {
			return reader.read(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@FunctionalInterface
	private interface Writer {

		void write(DataOutputStream out) throws IOException;

	}

	@FunctionalInterface
	private interface Reader<T> {

		T read(DataInputStream in) throws IOException;

	}

}
