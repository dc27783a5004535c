package org.dsplatform.bench.scenario;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import org.dsplatform.bench.BenchCommand;
import org.dsplatform.common.ring.HashRing;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;

class CacheCommandTests {

	private final StringWriter out = new StringWriter();

	private final StringWriter err = new StringWriter();

	@Test
	void measuresHitsNoOpDirectToOwnerAndReadThroughAndWritesTheReport(@TempDir Path reports) throws Exception {
		Set<String> cached = ConcurrentHashMap.newKeySet();
		Set<String> inKv = ConcurrentHashMap.newKeySet();
		Map<String, Integer> readThrough = new ConcurrentHashMap<>();
		List<String> wrongOwner = new ArrayList<>();
		List<StandIn> nodes = new ArrayList<>();
		StandIn[] ring = new StandIn[1];
		StandIn.Handler cache = (method, path, body) -> {
			if (path.equals("/api/cache/info")) {
				return StandIn.Answer.json("{}");
			}
			if (path.equals("/api/cache/ring")) {
				return StandIn.Answer.json("{\"answeredBy\":\"cache-1\",\"version\":7,\"members\":[\"cache-1\","
						+ "\"cache-2\",\"cache-3\"],\"urls\":{\"cache-1\":\"" + nodes.get(0).uri() + "\",\"cache-2\":\""
						+ nodes.get(1).uri() + "\",\"cache-3\":\"" + nodes.get(2).uri()
						+ "\"},\"virtualNodes\":100,\"replicas\":1}");
			}
			String key = path.replaceFirst("^/api/cache/keys/", "").replaceFirst("\\?.*", "");
			if (method.equals("PUT")) {
				cached.add(key);
				return StandIn.Answer.json("{}");
			}
			if (path.endsWith("?source=kv")) {
				readThrough.merge(key, 1, Integer::sum);
				return inKv.contains(key) ? new StandIn.Answer(200, "{}", Map.of("X-Cache", "MISS"))
						: new StandIn.Answer(404, "{}", Map.of());
			}
			return cached.contains(key) ? new StandIn.Answer(200, "{}", Map.of("X-Cache", "HIT"))
					: new StandIn.Answer(404, "{}", Map.of());
		};
		StandIn.Handler kv = (method, path, body) -> {
			inKv.add(path.replaceFirst("^/api/kv/keys/", ""));
			return StandIn.Answer.json("{}");
		};
		HashRing expected = HashRing.of(List.of("cache-1", "cache-2", "cache-3"), 100, 7);
		try (StandIn gateway = StandIn.start(cache);
				StandIn c1 = StandIn.start(owned(cache, "cache-1", expected, wrongOwner));
				StandIn c2 = StandIn.start(owned(cache, "cache-2", expected, wrongOwner));
				StandIn c3 = StandIn.start(owned(cache, "cache-3", expected, wrongOwner));
				StandIn kv1 = StandIn.start(kv);
				StandIn kv2 = StandIn.start(kv)) {
			nodes.addAll(List.of(c1, c2, c3));
			int exitCode = execute("cache", "--gateway=" + gateway.uri(), "--cache=" + StandIn.urls(nodes),
					"--kv=" + StandIn.urls(List.of(kv1, kv2)), "--concurrency=4", "--keys=300", "--miss-keys=50",
					"--warmup=200ms", "--duration=500ms", "--report-dir=" + reports);

			assertThat(exitCode).as(this.err.toString()).isZero();
			assertThat(wrongOwner).isEmpty();
			assertThat(cached).hasSize(300);
			assertThat(readThrough).hasSize(50);
			assertThat(readThrough.values()).containsOnly(1);
			assertThat(this.out.toString()).containsPattern("closed-loop c=4, best of 2, hit\\s+gateway")
				.containsPattern("best of 2, no-op GET /api/cache/info\\s+gateway")
				.containsPattern("closed-loop c=4, best of 2, hit\\s+direct to owner")
				.contains("hit/no-op (gateway):")
				.containsPattern("X-Cache: HIT share:\\s+200 of 200")
				.contains("moved when the 4th joins:");
			try (Stream<Path> files = Files.list(reports)) {
				Path report = files.filter((file) -> file.getFileName().toString().startsWith("cache-"))
					.findFirst()
					.orElseThrow();
				assertThat(Files.readString(report)).contains("## Miss path with read-through");
			}
		}
	}

	@Test
	void readsTheRingsMembersAndUrls() throws Exception {
		assertThat(CacheCommand.ringUrls("{\"version\":3,\"members\":[\"a\",\"b\"],\"urls\":{\"a\":\"http://h:1\","
				+ "\"b\":\"http://h:2\"},\"virtualNodes\":1000,\"ownershipShare\":{\"a\":0.5,\"b\":0.5}}"))
			.containsOnlyKeys("a", "b")
			.containsEntry("b", java.net.URI.create("http://h:2"));
	}

	/** A cache node that notes a key GET (not read-through) that it does not own. */
	private static StandIn.Handler owned(StandIn.Handler cache, String name, HashRing ring, List<String> wrong) {
		return (method, path, body) -> {
			if (method.equals("GET") && path.startsWith("/api/cache/keys/") && !path.contains("?")) {
				String key = path.substring("/api/cache/keys/".length());
				if (!ring.owner(key).equals(name)) {
					synchronized (wrong) {
						wrong.add(key + " at " + name);
					}
				}
			}
			return cache.answer(method, path, body);
		};
	}

	private int execute(String... args) {
		CommandLine commandLine = new CommandLine(new BenchCommand());
		commandLine.setOut(new PrintWriter(this.out, true));
		commandLine.setErr(new PrintWriter(this.err, true));
		return commandLine.execute(args);
	}

}
