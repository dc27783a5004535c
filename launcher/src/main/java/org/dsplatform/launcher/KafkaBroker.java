package org.dsplatform.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A single Kafka broker in KRaft combined mode (broker and controller in one JVM), with
 * its configuration and data under the run directory. It runs from the launcher's own
 * runtime classpath, which holds the Kafka server.
 */
final class KafkaBroker {

	private final Path dir;

	private final Topology topology;

	private final Path classpath;

	KafkaBroker(Path runDir, Topology topology, Path classpath) {
		this.dir = runDir.resolve("kafka");
		this.topology = topology;
		this.classpath = classpath;
	}

	Path dataDir() {
		return this.dir.resolve("data");
	}

	boolean isFormatted() {
		return Files.exists(dataDir().resolve("meta.properties"));
	}

	/**
	 * Writes the broker's configuration; its data directory is kept as it is, so a
	 * restart keeps the topics.
	 */
	void writeConfiguration() {
		String server = """
				process.roles=broker,controller
				node.id=1
				controller.quorum.bootstrap.servers=127.0.0.1:%2$d
				listeners=PLAINTEXT://127.0.0.1:%1$d,CONTROLLER://127.0.0.1:%2$d
				advertised.listeners=PLAINTEXT://127.0.0.1:%1$d,CONTROLLER://127.0.0.1:%2$d
				controller.listener.names=CONTROLLER
				inter.broker.listener.name=PLAINTEXT
				listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
				log.dirs=%3$s
				num.partitions=3
				auto.create.topics.enable=true
				offsets.topic.replication.factor=1
				offsets.topic.num.partitions=5
				transaction.state.log.replication.factor=1
				transaction.state.log.min.isr=1
				share.coordinator.state.topic.replication.factor=1
				share.coordinator.state.topic.min.isr=1
				group.initial.rebalance.delay.ms=0
				log.cleaner.dedupe.buffer.size=16777216
				""".formatted(this.topology.kafkaPort(), this.topology.kafkaControllerPort(),
				dataDir().toAbsolutePath());
		String log4j = """
				<?xml version="1.0" encoding="UTF-8"?>
				<Configuration status="warn">
				  <Appenders>
				    <Console name="out" target="SYSTEM_OUT">
				      <PatternLayout pattern="%d{ISO8601} %-5p [kafka] %c{1} - %m%n"/>
				    </Console>
				  </Appenders>
				  <Loggers>
				    <Logger name="kafka" level="info"/>
				    <Logger name="org.apache.kafka" level="warn"/>
				    <Logger name="state.change.logger" level="warn"/>
				    <Root level="warn">
				      <AppenderRef ref="out"/>
				    </Root>
				  </Loggers>
				</Configuration>
				""";
		try {
			Files.createDirectories(dataDir());
			Files.writeString(serverProperties(), server);
			Files.writeString(log4jConfiguration(), log4j);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The one-off command that formats the storage of a new broker.
	 */
	List<String> formatCommand(List<String> java) {
		List<String> command = jvm(java);
		command.addAll(List.of("kafka.tools.StorageTool", "format", "-t", newClusterId(), "-c",
				serverProperties().toString(), "--standalone", "--ignore-formatted"));
		return command;
	}

	List<String> serverCommand(List<String> java) {
		List<String> command = jvm(java);
		command.addAll(List.of("kafka.Kafka", serverProperties().toString()));
		return command;
	}

	private List<String> jvm(List<String> java) {
		List<String> command = new ArrayList<>(java);
		command.add("-Dlog4j2.configurationFile=" + log4jConfiguration());
		command.add("-cp");
		command.add(this.classpath.toAbsolutePath() + "/*");
		return command;
	}

	private Path serverProperties() {
		return this.dir.resolve("server.properties").toAbsolutePath();
	}

	private Path log4jConfiguration() {
		return this.dir.resolve("log4j2.xml").toAbsolutePath();
	}

	/**
	 * A new cluster id: 16 random bytes in URL-safe base64, as Kafka's own ids, drawn
	 * again when it begins with '-', which the storage tool would read as an option (one
	 * id in 64). Kafka's generator does the same; the launcher does not use it because
	 * Kafka's classes are on the broker's class path, not always on the launcher's.
	 */
	static String newClusterId() {
		SecureRandom random = new SecureRandom();
		byte[] bytes = new byte[16];
		String id;
		do {
			random.nextBytes(bytes);
			id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		}
		while (id.startsWith("-"));
		return id;
	}

}
