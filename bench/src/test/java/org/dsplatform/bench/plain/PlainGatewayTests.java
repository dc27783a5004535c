package org.dsplatform.bench.plain;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class PlainGatewayTests {

	private static final List<URI> INSTANCES = List.of(URI.create("http://127.0.0.1:8201"),
			URI.create("http://localhost:8202/ignored/path"), URI.create("http://127.0.0.1"));

	@TempDir
	Path temp;

	@Test
	void isConfiguredWithOneRouteToTheInstancesRoundRobinAndNothingElse() {
		assertThat(PlainGateway.arguments(41234, INSTANCES)).containsExactly("--server.address=127.0.0.1",
				"--server.port=41234", "--spring.main.banner-mode=off", "--logging.level.root=WARN",
				"--spring.cloud.discovery.client.simple.instances.upstream[0].uri=http://127.0.0.1:8201",
				"--spring.cloud.discovery.client.simple.instances.upstream[1].uri=http://localhost:8202",
				"--spring.cloud.discovery.client.simple.instances.upstream[2].uri=http://127.0.0.1:80",
				"--spring.cloud.gateway.server.webflux.routes[0].id=upstream",
				"--spring.cloud.gateway.server.webflux.routes[0].uri=lb://upstream",
				"--spring.cloud.gateway.server.webflux.routes[0].predicates[0]=Path=/**");
	}

	@Test
	void runsInAJvmWithThePlatformsOptionsOnTheGivenClasspath() {
		List<String> command = PlainGateway.command("a.jar:lib/b.jar", 41234, INSTANCES);

		assertThat(command.get(0)).isEqualTo(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		assertThat(command.subList(1, 8)).containsExactly("-Xms64m", "-Xmx256m", "-XX:+UseSerialGC", "-Xss512k", "-cp",
				"a.jar:lib/b.jar", "org.dsplatform.bench.plain.PlainGatewayApplication");
		assertThat(command.subList(8, command.size())).isEqualTo(PlainGateway.arguments(41234, INSTANCES));
	}

	@Test
	void refusesInstancesThatAreNotPlainHttpUrls() {
		assertThatIllegalArgumentException().isThrownBy(() -> PlainGateway.arguments(41234, List.of()))
			.withMessage("at least one upstream instance is needed");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> PlainGateway.arguments(41234, List.of(URI.create("https://127.0.0.1:8443"))))
			.withMessage("upstream must be an http URL with a host: https://127.0.0.1:8443");
	}

	@Test
	void failsWithTheEndOfItsLogWhenItsJvmExitsWhileStarting() throws IOException {
		Path emptyClassPath = Files.createDirectory(this.temp.resolve("classes"));
		Path log = this.temp.resolve("logs/plain-scg.log");

		assertThatExceptionOfType(IOException.class)
			.isThrownBy(() -> PlainGateway.start(INSTANCES, log, emptyClassPath.toString(), Duration.ofSeconds(30)))
			.withMessageStartingWith(
					"the plain gateway's JVM exited with code 1 while starting; the end of its log (" + log + "):")
			.withMessageContaining("org.dsplatform.bench.plain.PlainGatewayApplication");
		assertThat(log).content().contains("Could not find or load main class");
	}

	@Test
	void namesTheVersionsOfTheFrameworkOnTheClasspath() {
		assertThat(PlainGateway.frameworkVersions()).matches(
				"\\d+\\.\\d+\\.\\d+\\S* \\(Spring Cloud LoadBalancer \\d+\\.\\d+\\.\\d+\\S*, Spring Boot \\d+\\.\\d+\\.\\d+\\S*\\)");
		assertThat(PlainGateway.version("org.dsplatform.bench.NoSuchClass")).isEqualTo("(missing)");
	}

}
