package org.dsplatform.lock;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

import redis.embedded.RedisServer;

/**
 * A real Redis for tests, on a free port: the binary shipped in the embedded-redis
 * library, so the tests need nothing installed.
 */
final class TestRedis implements AutoCloseable {

	private final int port;

	private final RedisServer server;

	private TestRedis(int port, RedisServer server) {
		this.port = port;
		this.server = server;
	}

	static TestRedis start() {
		try {
			int port;
			try (ServerSocket socket = new ServerSocket(0)) {
				port = socket.getLocalPort();
			}
			RedisServer server = RedisServer.newRedisServer()
				.port(port)
				.bind("127.0.0.1")
				.setting("save \"\"")
				.setting("appendonly no")
				.build();
			server.start();
			return new TestRedis(port, server);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	int port() {
		return this.port;
	}

	@Override
	public void close() {
		try {
			this.server.stop();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
