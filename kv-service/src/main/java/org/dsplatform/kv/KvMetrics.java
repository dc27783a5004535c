package org.dsplatform.kv;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.dsplatform.kv.raft.KvRaftServer;
import org.dsplatform.kv.raft.KvUnavailableException;
import org.dsplatform.kv.watch.WatchHub;

import org.springframework.stereotype.Component;

/**
 * The metrics that show Raft and the store at work: this node's role, term, commit and
 * applied index, leader changes, snapshots, apply latency, the store's revision, open
 * watches, and API operations by type and outcome.
 */
@Component
public class KvMetrics {

	private final MeterRegistry meters;

	KvMetrics(MeterRegistry meters, KvRaftServer node, WatchHub watches) {
		this.meters = meters;
		Gauge.builder("kv.raft.role", node, (n) -> n.info().isLeader() ? 1 : 0)
			.description("1 on the leader, 0 elsewhere")
			.register(meters);
		Gauge.builder("kv.raft.term", node, (n) -> n.info().getCurrentTerm()).register(meters);
		Gauge.builder("kv.raft.commit.index", node, KvRaftServer::commitIndex).register(meters);
		Gauge.builder("kv.raft.applied.index", node, (n) -> n.stateMachine().appliedIndex()).register(meters);
		FunctionCounter.builder("kv.raft.leader.changes", node, (n) -> n.stateMachine().leaderChanges())
			.register(meters);
		FunctionCounter.builder("kv.raft.snapshots", node, (n) -> n.stateMachine().snapshotCount()).register(meters);
		Gauge.builder("kv.revision", node, (n) -> n.store().revision()).register(meters);
		Gauge.builder("kv.keys", node, (n) -> n.store().size()).register(meters);
		Gauge.builder("kv.watches", watches, WatchHub::size).register(meters);
		Timer apply = Timer.builder("kv.apply")
			.description("Time to apply one committed command to the store")
			.publishPercentileHistogram()
			.register(meters);
		node.stateMachine().onApplyTime((nanos) -> apply.record(nanos, TimeUnit.NANOSECONDS));
	}

	/**
	 * Turns the store's reply into the API's answer, counting the operation by its
	 * outcome when it completes.
	 */
	public <R, T> CompletableFuture<T> track(String operation, CompletableFuture<R> call, Function<R, T> answer) {
		return call.thenApply(answer).whenComplete((value, failure) -> count(operation, outcome(failure)));
	}

	/** Counts an operation refused before it reached the store. */
	public void invalid(String operation) {
		count(operation, "invalid");
	}

	private void count(String operation, String outcome) {
		Counter.builder("kv.operations").tag("op", operation).tag("outcome", outcome).register(this.meters).increment();
	}

	private static String outcome(Throwable failure) {
		Throwable cause = (failure instanceof CompletionException) ? failure.getCause() : failure;
		if (cause == null) {
			return "ok";
		}
		if (cause instanceof KvUnavailableException) {
			return "unavailable";
		}
		if (cause instanceof Refusal refusal) {
			String type = refusal.type().getPath();
			return type.substring(type.lastIndexOf('/') + 1);
		}
		return cause.getClass().getSimpleName().equals("InvalidRequestException") ? "invalid" : "error";
	}

}
