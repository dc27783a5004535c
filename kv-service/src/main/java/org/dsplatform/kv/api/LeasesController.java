package org.dsplatform.kv.api;

import java.util.Set;
import java.util.concurrent.CompletableFuture;

import jakarta.servlet.http.HttpServletRequest;
import org.dsplatform.kv.raft.KvRaftServer;
import org.dsplatform.kv.storage.KvCommand.GrantLease;
import org.dsplatform.kv.storage.KvCommand.KeepAlive;
import org.dsplatform.kv.storage.KvCommand.RevokeLease;
import org.dsplatform.kv.storage.KvQuery.GetLease;
import org.dsplatform.kv.storage.KvResult.LeaseState;
import org.dsplatform.kv.storage.KvResult.LeasesEnded;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Leases: keys attached to one vanish when it expires (its ttl passes without a
 * keepalive, by the leader's clock) or is revoked. Grants, keepalives and revocations go
 * through the Raft log.
 */
@RestController
@RequestMapping("/api/kv/leases")
class LeasesController {

	private final KvRaftServer node;

	private final RequestRules rules;

	LeasesController(KvRaftServer node, RequestRules rules) {
		this.node = node;
		this.rules = rules;
	}

	record GrantBody(Long ttlMs) {

	}

	record LeaseRecord(long leaseId, long ttlMs, java.util.List<String> keys) {

		static LeaseRecord of(LeaseState lease) {
			return new LeaseRecord(lease.leaseId(), lease.ttlMs(), lease.keys());
		}

	}

	@PostMapping
	CompletableFuture<ResponseEntity<LeaseRecord>> grant(@RequestBody GrantBody body, HttpServletRequest request) {
		this.rules.onlyParameters(request, Set.of());
		long ttlMs = this.rules.ttlMs(body.ttlMs());
		return this.node.write(new GrantLease(ttlMs))
			.thenApply((reply) -> ResponseEntity.status(201)
				.body(LeaseRecord.of(Answers.expect(reply.result(), LeaseState.class))));
	}

	@PostMapping("/{leaseId}/keepalive")
	CompletableFuture<LeaseRecord> keepAlive(@PathVariable String leaseId, HttpServletRequest request) {
		this.rules.onlyParameters(request, Set.of());
		long id = this.rules.nonNegativeLong("leaseId", leaseId);
		return this.node.write(new KeepAlive(id))
			.thenApply((reply) -> LeaseRecord.of(Answers.expect(reply.result(), LeaseState.class)));
	}

	@GetMapping("/{leaseId}")
	CompletableFuture<LeaseRecord> get(@PathVariable String leaseId, HttpServletRequest request) {
		this.rules.onlyParameters(request, Set.of());
		long id = this.rules.nonNegativeLong("leaseId", leaseId);
		return this.node.readLinearizable(new GetLease(id))
			.thenApply((reply) -> LeaseRecord.of(Answers.expect(reply.result(), LeaseState.class)));
	}

	@DeleteMapping("/{leaseId}")
	CompletableFuture<ResponseEntity<Void>> revoke(@PathVariable String leaseId, HttpServletRequest request) {
		this.rules.onlyParameters(request, Set.of());
		long id = this.rules.nonNegativeLong("leaseId", leaseId);
		return this.node.write(new RevokeLease(id)).thenApply((reply) -> {
			Answers.expect(reply.result(), LeasesEnded.class);
			return ResponseEntity.noContent().build();
		});
	}

}
