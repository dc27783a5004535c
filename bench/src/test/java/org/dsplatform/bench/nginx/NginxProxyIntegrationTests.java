package org.dsplatform.bench.nginx;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The generated configuration run by a real nginx: found on the PATH or at Debian's
 * location, never installed; without one the tests are skipped.
 */
class NginxProxyIntegrationTests {

	static {
		// Without it every answer of the JDK server waits for a delayed ACK.
		System.setProperty("sun.net.httpserver.nodelay", "true");
	}

	@TempDir
	Path temp;

	private final ExecutorService executor = Executors.newFixedThreadPool(8);

	private final List<Instance> instances = List.of(new Instance(this.executor), new Instance(this.executor));

	@AfterEach
	void stopInstances() {
		this.instances.forEach(Instance::stop);
		this.executor.shutdownNow();
	}

	@Test
	void forwardsRoundRobinOverReusedConnectionsAndLeavesNothingBehind() throws Exception {
		Path binary = nginx();
		NginxProxy proxy = NginxProxy.start(binary, this.instances.stream().map(Instance::url).toList(),
				new NginxProxy.Settings(2, 1024, 8, Duration.ofSeconds(10)));
		String command = binary.toRealPath().toString();
		List<ProcessHandle> processes;
		Path directory = proxy.directory();
		try {
			HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
			for (int i = 0; i < 200; i++) {
				HttpResponse<String> response = client.send(
						HttpRequest.newBuilder(proxy.url().resolve("/api/cache/info")).build(),
						HttpResponse.BodyHandlers.ofString());
				assertThat(response.statusCode()).isEqualTo(200);
			}
			// nginx listens before its workers run, so they are looked for only now.
			processes = ProcessHandle.current()
				.descendants()
				.filter((process) -> process.info().command().orElse("").equals(command))
				.toList();
		}
		finally {
			assertThat(proxy.stop()).startsWith("stopped nginx, deleted " + directory)
				.endsWith("nothing in its error log");
		}

		for (Instance instance : this.instances) {
			assertThat(instance.requests.get()).isEqualTo(100);
			assertThat(instance.paths).containsExactly("/api/cache/info");
			// Reused: a handful of connections (at most a few per worker), not one per
			// request.
			assertThat(instance.connections).hasSizeLessThanOrEqualTo(4);
			assertThat(instance.connectionHeaders).containsOnly("(none)");
		}
		// The master and its workers.
		assertThat(processes).hasSizeGreaterThanOrEqualTo(2);
		assertThat(processes).noneMatch(ProcessHandle::isAlive);
		try (Stream<ProcessHandle> children = ProcessHandle.current().descendants()) {
			assertThat(children.filter((process) -> process.info().command().orElse("").equals(command))
				.filter(ProcessHandle::isAlive)).isEmpty();
		}
		assertThat(directory).doesNotExist();
	}

	private Path nginx() throws InterruptedException {
		// Never installs: not as root.
		Optional<Path> binary = new NginxBinary(System.getenv("PATH"), false, NginxBinary.DEBIAN_LOCATION)
			.find("nginx", this.temp.resolve("apt-get.log"))
			.binary();
		assumeTrue(binary.isPresent(), "no nginx on the PATH or at " + NginxBinary.DEBIAN_LOCATION);
		return binary.get();
	}

	/**
	 * An HTTP/1.1 server that counts requests and the connections they came on.
	 */
	private static final class Instance {

		private final HttpServer server;

		private final AtomicInteger requests = new AtomicInteger();

		private final Set<String> paths = ConcurrentHashMap.newKeySet();

		private final Set<InetSocketAddress> connections = ConcurrentHashMap.newKeySet();

		private final Set<String> connectionHeaders = ConcurrentHashMap.newKeySet();

		Instance(ExecutorService executor) {
			try {
				this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
			this.server.createContext("/", (exchange) -> {
				try (exchange) {
					this.requests.incrementAndGet();
					this.paths.add(exchange.getRequestURI().toString());
					this.connections.add(exchange.getRemoteAddress());
					this.connectionHeaders
						.add(Optional.ofNullable(exchange.getRequestHeaders().getFirst("Connection")).orElse("(none)"));
					byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
					exchange.sendResponseHeaders(200, body.length);
					exchange.getResponseBody().write(body);
				}
			});
			this.server.setExecutor(executor);
			this.server.start();
		}

		URI url() {
			return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort());
		}

		void stop() {
			this.server.stop(0);
		}

	}

}
