package org.dsplatform.lock.lease;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/**
 * The lock scripts and how to run them. Each script is the shared prelude followed by its
 * body (see {@code prelude.lua} for the key layout); Redisson sends it by its SHA and
 * loads it again when Redis has forgotten it, for example after a restart.
 */
final class LuaScripts {

	enum Script {

		ACQUIRE("acquire"), RENEW("renew"), RELEASE("release"), DEQUEUE("dequeue"), STATE("state"), LIST("list"),
		SWEEP("sweep"), EPOCH("epoch"), DEFINE("define");

		private final String text;

		Script(String file) {
			this.text = read("prelude") + "\n" + read(file);
		}

		private static String read(String name) {
			try (InputStream in = LuaScripts.class.getResourceAsStream(name + ".lua")) {
				if (in == null) {
					throw new IllegalStateException("Missing script " + name + ".lua");
				}
				return new String(in.readAllBytes(), StandardCharsets.UTF_8);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

	}

	private final RScript script;

	private final Object[] header;

	LuaScripts(RedissonClient redisson, LeaseSettings settings) {
		this.script = redisson.getScript(StringCodec.INSTANCE);
		this.header = new Object[] { settings.nodeId(), settings.outboxKey(), settings.outboxMaxLength(),
				settings.keyGrace().toMillis() };
	}

	/**
	 * Runs a script; the reply is a list of {@code String}, {@code Long} and nested
	 * lists.
	 */
	CompletableFuture<List<Object>> run(Script which, Object... args) {
		Object[] values = new Object[this.header.length + args.length];
		System.arraycopy(this.header, 0, values, 0, this.header.length);
		System.arraycopy(args, 0, values, this.header.length, args.length);
		try {
			return this.script
				.<List<Object>>evalAsync(RScript.Mode.READ_WRITE, which.text, RScript.ReturnType.LIST,
						Collections.emptyList(), values)
				.toCompletableFuture();
		}
		catch (RuntimeException ex) {
			return CompletableFuture.failedFuture(ex);
		}
	}

	static String text(Object value) {
		return (value != null) ? value.toString() : null;
	}

	static long number(Object value) {
		return (value instanceof Number number) ? number.longValue() : Long.parseLong(value.toString());
	}

	@SuppressWarnings("unchecked")
	static List<Object> list(Object value) {
		return (value instanceof List<?> list) ? (List<Object>) list : List.of();
	}

}
