package org.dsplatform.kv.storage;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Strings in the binary forms of the store (snapshots, log entries, replies): UTF-8 bytes
 * behind their length, so values up to the size limit fit (unlike
 * {@link DataOutputStream#writeUTF}).
 */
public final class DataIo {

	private DataIo() {
	}

	public static void writeString(DataOutputStream out, String value) throws IOException {
		byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
		out.writeInt(bytes.length);
		out.write(bytes);
	}

	public static void writeNullableString(DataOutputStream out, String value) throws IOException {
		out.writeBoolean(value != null);
		if (value != null) {
			writeString(out, value);
		}
	}

	public static String readString(DataInputStream in) throws IOException {
		byte[] bytes = new byte[in.readInt()];
		in.readFully(bytes);
		return new String(bytes, StandardCharsets.UTF_8);
	}

	public static String readNullableString(DataInputStream in) throws IOException {
		return in.readBoolean() ? readString(in) : null;
	}

}
