package org.dsplatform.kv.api;

import java.io.IOException;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import org.dsplatform.kv.raft.KvRaftServer;
import org.dsplatform.kv.storage.Change;
import org.dsplatform.kv.storage.HistoryCompactedException;
import org.dsplatform.kv.watch.WatchHub;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Watches as Server-Sent Events: each change under the prefix, in revision order, as an
 * event whose id is its revision, so a client that reconnects with {@code Last-Event-ID}
 * resumes right after the last change it got.
 */
@RestController
class WatchController {

	private final KvRaftServer node;

	private final WatchHub hub;

	private final RequestRules rules;

	WatchController(KvRaftServer node, WatchHub hub, RequestRules rules) {
		this.node = node;
		this.hub = hub;
		this.rules = rules;
	}

	@GetMapping(path = "/api/kv/watch", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	SseEmitter watch(@RequestParam(required = false) String prefix, @RequestParam(required = false) String fromRevision,
			@RequestHeader(name = "Last-Event-ID", required = false) String lastEventId, HttpServletRequest request) {
		this.rules.onlyParameters(request, Set.of("prefix", "fromRevision"));
		String validPrefix = this.rules.prefix(prefix);
		long from;
		if (lastEventId != null) {
			long last = this.rules.nonNegativeLong("Last-Event-ID", lastEventId);
			if (last == Long.MAX_VALUE) {
				throw new InvalidRequestException("Last-Event-ID", "Last-Event-ID is beyond any revision");
			}
			from = last + 1;
		}
		else if (fromRevision != null) {
			from = Math.max(1, this.rules.nonNegativeLong("fromRevision", fromRevision));
		}
		else {
			from = this.node.store().revision() + 1;
		}
		SseEmitter emitter = new SseEmitter(0L);
		try {
			Runnable cancel = this.hub.watch(validPrefix, from, new EmitterSink(emitter));
			emitter.onCompletion(cancel);
			emitter.onError((ex) -> cancel.run());
			emitter.onTimeout(cancel);
		}
		catch (HistoryCompactedException ex) {
			throw new KvProblemException(HttpStatus.GONE, KvProblemTypes.COMPACTED, "Revision " + from
					+ " is older than the retained history; the oldest available is " + ex.oldestAvailableRevision(),
					Map.of("oldestRevision", ex.oldestAvailableRevision()));
		}
		return emitter;
	}

	/**
	 * Sends each change as an SSE event named after its operation.
	 */
	private record EmitterSink(SseEmitter emitter) implements WatchHub.Sink {

		@Override
		public boolean send(Change change) {
			try {
				this.emitter.send(SseEmitter.event()
					.id(Long.toString(change.revision()))
					.name(change.operation().name())
					.data(change, MediaType.APPLICATION_JSON));
				return true;
			}
			catch (IOException | IllegalStateException ex) {
				return false;
			}
		}

		@Override
		public boolean heartbeat() {
			try {
				this.emitter.send(SseEmitter.event().comment("heartbeat"));
				return true;
			}
			catch (IOException | IllegalStateException ex) {
				return false;
			}
		}

		@Override
		public void compacted(long oldestAvailableRevision) {
			try {
				this.emitter
					.send(SseEmitter.event().name("COMPACTED").data(Map.of("oldestRevision", oldestAvailableRevision)));
			}
			catch (IOException | IllegalStateException ex) {
				// the client is gone already
			}
			this.emitter.complete();
		}

		@Override
		public void close() {
			this.emitter.complete();
		}

	}

}
