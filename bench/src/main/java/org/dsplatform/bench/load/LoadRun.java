package org.dsplatform.bench.load;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/**
 * The machinery one run shares between the closed and the open loop: sending a request
 * round robin, as the spec's supplier makes it, counting it exactly once, and ending the
 * run on time.
 * <p>
 * Every request is in {@link #calls} from just before it is sent until it is accounted
 * for; whichever comes first, its completion or the cut-off at the end of the run,
 * removes it and so is the only one to count it.
 */
abstract class LoadRun {

	/**
	 * How long completions racing with the cut-off get to finish counting, so the result
	 * reads a still tally.
	 */
	private static final long CUT_OFF_GRACE_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

	final LoadSpec spec;

	final long startNanos;

	final long warmupEndNanos;

	final long endNanos;

	private final HttpClient client;

	private final String[] bases;

	private final Tally tally = new Tally();

	private final InFlight inFlight = new InFlight();

	private final Set<Call> calls = ConcurrentHashMap.newKeySet();

	private volatile boolean stopped;

	LoadRun(LoadSpec spec, HttpClient client) {
		this.spec = spec;
		this.client = client;
		this.bases = spec.targets().stream().map(LoadRun::base).toArray(String[]::new);
		this.startNanos = System.nanoTime();
		this.warmupEndNanos = this.startNanos + spec.warmup().toNanos();
		this.endNanos = this.warmupEndNanos + spec.duration().toNanos();
	}

	/**
	 * Starts requests until {@link #endNanos}, then returns; requests may still be
	 * outstanding.
	 */
	abstract void issue();

	final RunResult execute() {
		try {
			issue();
		}
		finally {
			finish();
		}
		return this.tally.result(this.spec.duration());
	}

	/**
	 * Sends one request, unless the run has stopped or too many are outstanding.
	 * @param sequence the request's number in the run, which picks the target
	 * @param start the time latency counts from: when the request was sent (closed loop)
	 * or was due (open loop)
	 * @param then what to do once the request has been counted, or {@code null}; not run
	 * for requests that are not sent or are cut off
	 */
	final void send(long sequence, long start, Runnable then) {
		boolean measured = start - this.warmupEndNanos >= 0;
		if (!this.inFlight.tryAcquire(this.spec.load().maxOutstanding())) {
			if (measured) {
				this.tally.record(Outcome.NOT_SENT, 0);
			}
			return;
		}
		// Checked after acquiring, so finish() either sees this request outstanding or
		// this sees the stop.
		if (this.stopped) {
			this.inFlight.release();
			return;
		}
		Call call = new Call(start, measured, then);
		this.calls.add(call);
		call(sequence).subscribe(call);
	}

	private Mono<Outcome> call(long sequence) {
		String base = this.bases[(int) Long.remainderUnsigned(sequence, this.bases.length)];
		// Deferred, so a supplier that throws makes a counted error rather than a lost
		// worker.
		return Mono.defer(() -> exchange(receiver(this.client, base, this.spec.requests().next(sequence))))
			.timeout(this.spec.requestTimeout())
			.onErrorResume((failure) -> Mono.just(Outcome.ofFailure(failure)));
	}

	private void finish() {
		this.stopped = true;
		if (!this.inFlight.awaitZero(this.endNanos + this.spec.drain().toNanos())) {
			for (Call call : this.calls) {
				call.cutOff();
			}
			this.inFlight.awaitZero(System.nanoTime() + CUT_OFF_GRACE_NANOS);
		}
	}

	/**
	 * A target's base URL, without a trailing '/', to which request paths are appended.
	 */
	static String base(URI target) {
		String base = target.toString();
		return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
	}

	/**
	 * The request to one target, ready to be sent.
	 * @param client the client
	 * @param base the target's {@linkplain #base(URI) base URL}
	 * @param request the request
	 */
	static HttpClient.ResponseReceiver<?> receiver(HttpClient client, String base, BenchRequest request) {
		HttpClient.RequestSender sender = client.request(HttpMethod.valueOf(request.method()))
			.uri(base + request.path());
		if (request.body() == null) {
			return sender;
		}
		byte[] body = request.body().getBytes(StandardCharsets.UTF_8);
		return sender.send((req, out) -> {
			req.header(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
				.header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(body.length));
			return out.sendByteArray(Mono.just(body));
		});
	}

	/**
	 * One exchange: the body is read to the end, so the connection goes back to the pool,
	 * and only the status matters. Transport failures are left to the caller.
	 */
	static Mono<Outcome> exchange(HttpClient.ResponseReceiver<?> receiver) {
		return receiver.responseSingle(
				(response, body) -> body.asByteArray().then(Mono.just(Outcome.ofStatus(response.status().code()))));
	}

	private final class Call extends BaseSubscriber<Outcome> {

		private final long start;

		private final boolean measured;

		private final Runnable then;

		Call(long start, boolean measured, Runnable then) {
			this.start = start;
			this.measured = measured;
			this.then = then;
		}

		@Override
		protected void hookOnNext(Outcome outcome) {
			complete(outcome);
		}

		@Override
		protected void hookOnError(Throwable failure) {
			complete(Outcome.ofFailure(failure));
		}

		private void complete(Outcome outcome) {
			long now = System.nanoTime();
			if (LoadRun.this.calls.remove(this)) {
				account(outcome, now);
				if (this.then != null) {
					this.then.run();
				}
			}
		}

		void cutOff() {
			if (LoadRun.this.calls.remove(this)) {
				cancel();
				account(Outcome.CUT_OFF, System.nanoTime());
			}
		}

		private void account(Outcome outcome, long now) {
			if (this.measured) {
				LoadRun.this.tally.record(outcome, now - this.start);
			}
			LoadRun.this.inFlight.release();
		}

	}

}
