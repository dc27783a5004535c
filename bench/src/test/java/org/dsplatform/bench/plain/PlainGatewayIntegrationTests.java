package org.dsplatform.bench.plain;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;

import org.dsplatform.bench.load.LocalHttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real plain Spring Cloud Gateway, started as {@code gateway-overhead} starts it: a
 * child JVM on this JVM's classpath.
 */
class PlainGatewayIntegrationTests {

	@TempDir
	Path temp;

	@Test
	void forwardsToEveryInstanceRoundRobinAndStopsItsJvm() throws Exception {
		try (LocalHttpServer first = LocalHttpServer.ok(); LocalHttpServer second = LocalHttpServer.ok()) {
			Path log = this.temp.resolve("plain-scg.log");
			PlainGateway gateway = PlainGateway.start(List.of(first.uri(), second.uri()), log);
			ProcessHandle process = gateway.process();
			try {
				assertThat(process.isAlive()).isTrue();
				assertThat(process.info().command())
					.hasValueSatisfying((command) -> assertThat(command).endsWith("java"));
				HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
				for (int i = 0; i < 20; i++) {
					HttpResponse<String> response = client.send(
							HttpRequest.newBuilder(gateway.url().resolve("/api/cache/info?n=" + i)).build(),
							HttpResponse.BodyHandlers.ofString());
					assertThat(response.statusCode()).isEqualTo(200);
					assertThat(response.body()).isEqualTo("{}");
				}
				assertThat(gateway.url()).hasScheme("http").hasHost("127.0.0.1");
				assertThat(gateway.describe())
					.startsWith("Spring Cloud Gateway " + PlainGateway.frameworkVersions() + " at " + gateway.url()
							+ ", a child JVM (Java ")
					.contains("-Xms64m -Xmx256m -XX:+UseSerialGC -Xss512k")
					.contains("/** to lb://upstream: " + List.of(first.uri(), second.uri()))
					.endsWith("log in " + log.toAbsolutePath());
			}
			finally {
				assertThat(gateway.stop()).startsWith("stopped the plain gateway;");
			}

			assertThat(first.requests()).isEqualTo(10);
			assertThat(second.requests()).isEqualTo(10);
			assertThat(first.uris()).allMatch((uri) -> uri.startsWith("/api/cache/info?n="));
			assertThat(process.isAlive()).isFalse();
			assertThat(ProcessHandle.current().descendants()).noneMatch(ProcessHandle::isAlive);
			assertThat(gateway.stop()).as("the second time").startsWith("stopped the plain gateway;");
		}
	}

}
