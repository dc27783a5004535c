package org.dsplatform.kv.api;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import jakarta.servlet.http.HttpServletRequest;
import org.dsplatform.kv.KvMetrics;
import org.dsplatform.kv.raft.KvRaftServer;
import org.dsplatform.kv.statemachine.KvCodec.Reply;
import org.dsplatform.kv.storage.KvCommand.Delete;
import org.dsplatform.kv.storage.KvCommand.Fence;
import org.dsplatform.kv.storage.KvCommand.Precondition;
import org.dsplatform.kv.storage.KvCommand.Put;
import org.dsplatform.kv.storage.KvQuery;
import org.dsplatform.kv.storage.KvQuery.Get;
import org.dsplatform.kv.storage.KvQuery.Range;
import org.dsplatform.kv.storage.KvResult.Found;
import org.dsplatform.kv.storage.KvResult.Page;
import org.dsplatform.kv.storage.KvResult.Written;

import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Keys: {@code /api/kv/keys/{key}} (keys may contain '/'), and ranges by prefix. Writes
 * go through the Raft log and answer after commit; reads are linearizable unless
 * {@code consistency=stale}. Each request waits for its answer on its own thread (see
 * {@link Answers#await}).
 */
@RestController
@RequestMapping("/api/kv/keys")
class KeysController {

	private static final Set<String> WRITE_PARAMETERS = Set.of("expectedVersion", "expectedValue");

	private final KvRaftServer node;

	private final RequestRules rules;

	private final KvMetrics metrics;

	KeysController(KvRaftServer node, RequestRules rules, KvMetrics metrics) {
		this.node = node;
		this.rules = rules;
		this.metrics = metrics;
	}

	record PutBody(String value, Long leaseId) {

	}

	@PutMapping("/{*key}")
	KeyRecord put(@PathVariable String key, @RequestBody PutBody body,
			@RequestParam(required = false) String expectedVersion,
			@RequestParam(required = false) String expectedValue,
			@RequestHeader(name = "X-Fencing-Token", required = false) String fencingToken,
			HttpServletRequest request) {
		this.rules.onlyParameters(request, WRITE_PARAMETERS);
		String validKey = this.rules.key(strip(key));
		String value = this.rules.value(body.value());
		long leaseId = (body.leaseId() != null) ? this.rules.nonNegativeLong("leaseId", body.leaseId().toString()) : 0;
		Precondition precondition = this.rules.precondition(expectedVersion, expectedValue);
		Fence fence = this.rules.fence(fencingToken);
		return Answers.await(this.metrics.track("put",
				this.node.write(new Put(validKey, value, leaseId, precondition, fence)), (reply) -> {
					Written written = Answers.expect(reply.result(), Written.class);
					return KeyRecord.written(written.keyValue(), written.revision());
				}));
	}

	@GetMapping("/{*key}")
	KeyRecord get(@PathVariable String key, @RequestParam(required = false) String consistency,
			HttpServletRequest request) {
		this.rules.onlyParameters(request, Set.of("consistency"));
		String validKey = this.rules.key(strip(key));
		boolean stale = this.rules.stale(consistency);
		return Answers
			.await(this.metrics.track(stale ? "get_stale" : "get", read(new Get(validKey), stale), (reply) -> {
				Found found = Answers.expect(reply.result(), Found.class);
				return KeyRecord.read(found.keyValue(), found.revision(), stale, reply.appliedIndex());
			}));
	}

	@DeleteMapping("/{*key}")
	Map<String, Object> delete(@PathVariable String key, @RequestParam(required = false) String expectedVersion,
			@RequestParam(required = false) String expectedValue,
			@RequestHeader(name = "X-Fencing-Token", required = false) String fencingToken,
			HttpServletRequest request) {
		this.rules.onlyParameters(request, WRITE_PARAMETERS);
		String validKey = this.rules.key(strip(key));
		Precondition precondition = this.rules.precondition(expectedVersion, expectedValue);
		Fence fence = this.rules.fence(fencingToken);
		return Answers
			.await(this.metrics.track("delete", this.node.write(new Delete(validKey, precondition, fence)), (reply) -> {
				Written deleted = Answers.expect(reply.result(), Written.class);
				return Map.of("key", validKey, "revision", deleted.revision(), "deleted", true);
			}));
	}

	@GetMapping
	Map<String, Object> range(@RequestParam(required = false) String prefix,
			@RequestParam(required = false) String limit, @RequestParam(required = false) String fromKey,
			@RequestParam(required = false) String consistency, HttpServletRequest request) {
		this.rules.onlyParameters(request, Set.of("prefix", "limit", "fromKey", "consistency"));
		String validPrefix = this.rules.prefix(prefix);
		int validLimit = this.rules.limit(limit);
		String validFrom = (fromKey != null) ? this.rules.key("fromKey", fromKey) : null;
		boolean stale = this.rules.stale(consistency);
		return Answers
			.await(this.metrics.track("range", read(new Range(validPrefix, validFrom, validLimit), stale), (reply) -> {
				Page page = Answers.expect(reply.result(), Page.class);
				java.util.LinkedHashMap<String, Object> answer = new java.util.LinkedHashMap<>();
				answer.put("items",
						page.items()
							.stream()
							.map((keyValue) -> KeyRecord.read(keyValue, page.revision(), stale, reply.appliedIndex()))
							.toList());
				answer.put("nextKey", page.nextKey());
				answer.put("revision", page.revision());
				return answer;
			}));
	}

	private CompletableFuture<Reply> read(KvQuery query, boolean stale) {
		return stale ? CompletableFuture.completedFuture(this.node.readStale(query))
				: this.node.readLinearizable(query);
	}

	private static String strip(String captured) {
		// {*key} captures the rest of the path with its leading '/'.
		return captured.startsWith("/") ? captured.substring(1) : captured;
	}

}
