package org.dsplatform.kv.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import jakarta.servlet.http.HttpServletRequest;
import org.dsplatform.kv.raft.KvRaftServer;
import org.dsplatform.kv.raft.Member;

import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The Raft group: its members as each sees itself, leadership transfer, membership
 * changes.
 */
@RestController
@RequestMapping("/api/kv/cluster")
class ClusterController {

	private final KvRaftServer node;

	private final RequestRules rules;

	ClusterController(KvRaftServer node, RequestRules rules) {
		this.node = node;
		this.rules = rules;
	}

	record LeaderBody(String targetId) {

	}

	record MemberBody(String id, String address) {

	}

	@GetMapping
	CompletableFuture<Map<String, Object>> cluster(HttpServletRequest request) {
		this.rules.onlyParameters(request, Set.of());
		return CompletableFuture.supplyAsync(this::describe);
	}

	@PostMapping("/leader")
	CompletableFuture<Map<String, Object>> transferLeadership(@RequestBody LeaderBody body,
			HttpServletRequest request) {
		this.rules.onlyParameters(request, Set.of());
		String target = member(body.targetId(), "targetId");
		return CompletableFuture.supplyAsync(() -> {
			this.node.transferLeadership(target);
			return describe();
		});
	}

	@PostMapping("/members")
	CompletableFuture<Map<String, Object>> addMember(@RequestBody MemberBody body, HttpServletRequest request) {
		this.rules.onlyParameters(request, Set.of());
		if (body.id() == null || !body.id().matches("[A-Za-z0-9._-]{1,64}")) {
			throw new InvalidRequestException("id", "id must be 1 to 64 letters, digits, '.', '_' or '-'");
		}
		if (body.address() == null || !body.address().matches("[A-Za-z0-9.-]+:\\d{1,5}")
				|| !validPort(body.address().substring(body.address().lastIndexOf(':') + 1))) {
			throw new InvalidRequestException("address", "address must be host:port, the port from 1 to 65535");
		}
		return CompletableFuture.supplyAsync(() -> {
			this.node.addMember(body.id(), body.address());
			return describe();
		});
	}

	@DeleteMapping("/members/{id}")
	CompletableFuture<Map<String, Object>> removeMember(@PathVariable String id, HttpServletRequest request) {
		this.rules.onlyParameters(request, Set.of());
		String member = member(id, "id");
		return CompletableFuture.supplyAsync(() -> {
			this.node.removeMember(member);
			return describe();
		});
	}

	private static boolean validPort(String port) {
		int value = Integer.parseInt(port);
		return value >= 1 && value <= 65535;
	}

	private String member(String id, String field) {
		if (id == null || !this.node.isMember(id)) {
			throw new InvalidRequestException(field, field + " must name a member of the group");
		}
		return id;
	}

	private Map<String, Object> describe() {
		List<Member> members = this.node.members();
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("answeredBy", this.node.nodeId());
		answer.put("leaderId",
				members.stream()
					.filter((member) -> "LEADER".equals(member.role()))
					.map(Member::id)
					.findFirst()
					.orElse(null));
		answer.put("members", members);
		return answer;
	}

}
