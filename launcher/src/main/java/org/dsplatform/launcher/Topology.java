package org.dsplatform.launcher;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * Where every process of a local platform listens. The default topology uses the fixed
 * ports of the architecture (gateway 8080, kv 8101-8103 with Raft 9101-9103, cache
 * 8201-8203, lock 8301-8302, Kafka 9092, Redis 6390); tests ask for one on free ports so
 * that several platforms can run side by side.
 *
 * @param redisPort Redis
 * @param kafkaPort the Kafka broker's client listener
 * @param kafkaControllerPort the KRaft controller listener of the same broker
 * @param kvHttpPorts HTTP port of each kv-service node ({@code kv-1} first)
 * @param kvRaftPorts Raft (gRPC) port of each kv-service node
 * @param cachePorts HTTP port of each cache-service node
 * @param lockPorts HTTP port of each lock-service node
 * @param gatewayPort the gateway, the platform's only public entry
 */
public record Topology(int redisPort, int kafkaPort, int kafkaControllerPort, List<Integer> kvHttpPorts,
		List<Integer> kvRaftPorts, List<Integer> cachePorts, List<Integer> lockPorts, int gatewayPort) {

	public Topology {
		kvHttpPorts = List.copyOf(kvHttpPorts);
		kvRaftPorts = List.copyOf(kvRaftPorts);
		cachePorts = List.copyOf(cachePorts);
		lockPorts = List.copyOf(lockPorts);
		if (kvHttpPorts.size() != kvRaftPorts.size()) {
			throw new IllegalArgumentException("every kv node needs an HTTP and a Raft port");
		}
	}

	/**
	 * The fixed development ports of the architecture: 3 kv, 3 cache and 2 lock nodes.
	 */
	public static Topology defaults() {
		return new Topology(6390, 9092, 9093, List.of(8101, 8102, 8103), List.of(9101, 9102, 9103),
				List.of(8201, 8202, 8203), List.of(8301, 8302), 8080);
	}

	/**
	 * A topology of the given size on ports that are free now.
	 */
	public static Topology onFreePorts(int kvNodes, int cacheNodes, int lockNodes) {
		List<Integer> ports = freePorts(4 + 2 * kvNodes + cacheNodes + lockNodes);
		int next = 0;
		int redis = ports.get(next++);
		int kafka = ports.get(next++);
		int controller = ports.get(next++);
		int gateway = ports.get(next++);
		List<Integer> kvHttp = ports.subList(next, next += kvNodes);
		List<Integer> kvRaft = ports.subList(next, next += kvNodes);
		List<Integer> cache = ports.subList(next, next += cacheNodes);
		List<Integer> lock = ports.subList(next, next + lockNodes);
		return new Topology(redis, kafka, controller, kvHttp, kvRaft, cache, lock, gateway);
	}

	/**
	 * This topology with one more cache node, on the port after the highest port of the
	 * platform when that one is free, else on a free port.
	 */
	public Topology withAnotherCacheNode() {
		List<Integer> all = new ArrayList<>(
				List.of(this.redisPort, this.kafkaPort, this.kafkaControllerPort, this.gatewayPort));
		all.addAll(this.kvHttpPorts);
		all.addAll(this.kvRaftPorts);
		all.addAll(this.cachePorts);
		all.addAll(this.lockPorts);
		int next = (this.cachePorts.isEmpty() ? 8200 : this.cachePorts.stream().max(Integer::compare).get()) + 1;
		int port = (!all.contains(next) && isFree(next)) ? next : freePorts(1).get(0);
		List<Integer> cache = new ArrayList<>(this.cachePorts);
		cache.add(port);
		return new Topology(this.redisPort, this.kafkaPort, this.kafkaControllerPort, this.kvHttpPorts,
				this.kvRaftPorts, cache, this.lockPorts, this.gatewayPort);
	}

	public String gatewayUrl() {
		return "http://127.0.0.1:" + this.gatewayPort;
	}

	public String kafkaBootstrap() {
		return "127.0.0.1:" + this.kafkaPort;
	}

	void store(Path file) {
		Properties properties = new Properties();
		properties.setProperty("redis", String.valueOf(this.redisPort));
		properties.setProperty("kafka", String.valueOf(this.kafkaPort));
		properties.setProperty("kafka-controller", String.valueOf(this.kafkaControllerPort));
		properties.setProperty("kv-http", join(this.kvHttpPorts));
		properties.setProperty("kv-raft", join(this.kvRaftPorts));
		properties.setProperty("cache", join(this.cachePorts));
		properties.setProperty("lock", join(this.lockPorts));
		properties.setProperty("gateway", String.valueOf(this.gatewayPort));
		try (Writer writer = Files.newBufferedWriter(file)) {
			properties.store(writer, "ports of the running local platform");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static Topology load(Path file) {
		Properties properties = new Properties();
		try (Reader reader = Files.newBufferedReader(file)) {
			properties.load(reader);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return new Topology(Integer.parseInt(properties.getProperty("redis")),
				Integer.parseInt(properties.getProperty("kafka")),
				Integer.parseInt(properties.getProperty("kafka-controller")), split(properties.getProperty("kv-http")),
				split(properties.getProperty("kv-raft")), split(properties.getProperty("cache")),
				split(properties.getProperty("lock")), Integer.parseInt(properties.getProperty("gateway")));
	}

	private static String join(List<Integer> ports) {
		return ports.stream().map(String::valueOf).collect(Collectors.joining(","));
	}

	private static List<Integer> split(String ports) {
		return Arrays.stream(ports.split(",")).map(Integer::parseInt).toList();
	}

	static boolean isFree(int port) {
		try (ServerSocket socket = new ServerSocket()) {
			socket.setReuseAddress(true);
			socket.bind(new InetSocketAddress(port));
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static List<Integer> freePorts(int count) {
		// Hold every socket until all are chosen, so the same port is never handed out
		// twice.
		List<ServerSocket> sockets = new ArrayList<>();
		try {
			for (int i = 0; i < count; i++) {
				ServerSocket socket = new ServerSocket(0);
				socket.setReuseAddress(true);
				sockets.add(socket);
			}
			return sockets.stream().map(ServerSocket::getLocalPort).toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			for (ServerSocket socket : sockets) {
				try {
					socket.close();
				}
				catch (IOException ex) {
					// nothing to do: the port is free either way
				}
			}
		}
	}

}
