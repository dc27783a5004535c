package org.dsplatform.kv;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Test properties for a kv service that is a one-node Raft group of its own on a free
 * port and a fresh directory: it elects itself at once, so HTTP tests need no cluster.
 */
public final class SingleNodeKv {

	private SingleNodeKv() {
	}

	public static void register(DynamicPropertyRegistry registry, String nodeId) {
		try {
			int port;
			try (ServerSocket socket = new ServerSocket(0)) {
				port = socket.getLocalPort();
			}
			Path dir = Files.createTempDirectory("kv-test-");
			registry.add("platform.node-id", () -> nodeId);
			registry.add("kv.raft.peers", () -> nodeId + "=127.0.0.1:" + port);
			registry.add("kv.data-dir", dir::toString);
			registry.add("kv.changes.enabled", () -> "false");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
