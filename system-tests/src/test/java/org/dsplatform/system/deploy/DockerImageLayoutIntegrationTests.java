package org.dsplatform.system.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@code docker/Dockerfile} does to a jar, done here without Docker: the build
 * stage's jar path and extraction command applied to a real runnable jar, the layers the
 * runtime stage copies, and the application started from them with the image's ENTRYPOINT
 * until its liveness probe answers.
 */
class DockerImageLayoutIntegrationTests {

	private static final String MODULE = "gateway";

	@TempDir
	Path work;

	@Test
	void extractsTheLayersTheRuntimeStageCopiesAndStartsFromThemWithTheEntrypoint() throws Exception {
		String dockerfile = Project.read(Project.file("docker/Dockerfile"));
		assertThat(dockerfile).contains("./mvnw -B -DskipTests -pl \"${MODULE}\" -am package")
			.contains("\"${MODULE}\"/target/\"${MODULE}\"-*-exec.jar")
			.containsPattern("FROM eclipse-temurin:\\$\\{JAVA_VERSION}-jre")
			.containsPattern("(?m)^USER [1-9][0-9]*:[1-9][0-9]*$");

		Path jar = this.work.resolve("app.jar");
		Files.copy(Project.serviceJar(MODULE), jar);
		Matcher extract = Pattern.compile("RUN (java -Djarmode=tools -jar \\S+ extract [^\\n]*)").matcher(dockerfile);
		assertThat(extract.find()).as("the extraction command").isTrue();
		List<String> command = new ArrayList<>(List.of(extract.group(1)
			.replace("/src/app.jar", jar.toString())
			.replace("/src/extracted", this.work.resolve("extracted").toString())
			.split(" ")));
		command.set(0, javaExecutable());
		assertThat(run(command, this.work)).as("extraction exit code").isZero();

		Path workspace = Files.createDirectories(this.work.resolve("workspace"));
		Matcher copy = Pattern.compile("COPY --from=build /src/extracted/([a-z-]+)/ \\./").matcher(dockerfile);
		List<String> layers = new ArrayList<>();
		while (copy.find()) {
			layers.add(copy.group(1));
			copyTree(this.work.resolve("extracted").resolve(copy.group(1)), workspace);
		}
		assertThat(layers).containsExactly("dependencies", "spring-boot-loader", "snapshot-dependencies",
				"application");

		Matcher entrypoint = Pattern.compile("ENTRYPOINT \\[([^]]*)]", Pattern.DOTALL).matcher(dockerfile);
		assertThat(entrypoint.find()).isTrue();
		List<String> line = new ArrayList<>();
		for (String word : entrypoint.group(1).replace("\\\n", " ").split(",")) {
			line.add(word.trim().replaceAll("^\"|\"$", ""));
		}
		assertThat(line).contains("-XX:MaxRAMPercentage=75")
			.endsWith("org.springframework.boot.loader.launch.JarLauncher");
		line.set(0, javaExecutable());
		int port = freePort();
		line.addAll(List.of("--server.port=" + port, "--platform.node-id=image-layout-test",
				"--gateway.cache-ring.kv-urls=http://127.0.0.1:1"));
		Process process = new ProcessBuilder(line).directory(workspace.toFile())
			.redirectErrorStream(true)
			.redirectOutput(this.work.resolve("app.log").toFile())
			.start();
		try {
			assertThat(awaitLive(port, Duration.ofSeconds(60)))
				.as("liveness of the app started from the layers; see " + this.work.resolve("app.log"))
				.isTrue();
		}
		finally {
			process.destroy();
			if (!process.waitFor(20, TimeUnit.SECONDS)) {
				process.destroyForcibly();
			}
		}
	}

	private static boolean awaitLive(int port, Duration timeout) throws InterruptedException {
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			try {
				HttpResponse<String> response = http
					.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/liveness"))
						.timeout(Duration.ofSeconds(2))
						.build(), HttpResponse.BodyHandlers.ofString());
				if (response.statusCode() == 200) {
					return true;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			Thread.sleep(250);
		}
		return false;
	}

	private static int run(List<String> command, Path directory) throws Exception {
		Process process = new ProcessBuilder(command).directory(directory.toFile())
			.redirectErrorStream(true)
			.redirectOutput(directory.resolve("extract.log").toFile())
			.start();
		if (!process.waitFor(120, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new IllegalStateException("extraction took over 120 s");
		}
		return process.exitValue();
	}

	private static void copyTree(Path from, Path to) {
		try (Stream<Path> files = Files.walk(from)) {
			for (Path file : (Iterable<Path>) files::iterator) {
				Path target = to.resolve(from.relativize(file).toString());
				if (Files.isDirectory(file)) {
					Files.createDirectories(target);
				}
				else {
					Files.copy(file, target);
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String javaExecutable() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
