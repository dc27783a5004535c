package org.dsplatform.common.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

import redis.embedded.RedisServer;

/**
 * A real Redis for tests, on a free port: the binary shipped in the embedded-redis
 * library, so the tests need nothing installed. It runs without persistence, so
 * {@link #restart()} starts an empty Redis on the same port, as a crash of a Redis
 * without AOF would.
 */
public final class TestRedis implements AutoCloseable {

	private final int port;

	private RedisServer server;

	private TestRedis(int port) {
		this.port = port;
	}

	public static TestRedis start() {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		TestRedis redis = new TestRedis(port);
		redis.startServer();
		return redis;
	}

	public int port() {
		return this.port;
	}

	public String url() {
		return "redis://127.0.0.1:" + this.port;
	}

	/**
	 * Stops Redis; {@link #startAgain()} brings up an empty one on the same port.
	 */
	public synchronized void stop() {
		if (this.server != null) {
			try {
				this.server.stop();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			this.server = null;
		}
	}

	public synchronized void startAgain() {
		if (this.server == null) {
			startServer();
		}
	}

	/**
	 * Stops Redis and starts an empty one on the same port: every key is gone.
	 */
	public synchronized void restart() {
		stop();
		startServer();
	}

	private synchronized void startServer() {
		try {
			RedisServer server = RedisServer.newRedisServer()
				.port(this.port)
				.bind("127.0.0.1")
				.setting("save \"\"")
				.setting("appendonly no")
				.build();
			server.start();
			this.server = server;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void close() {
		stop();
	}

}
