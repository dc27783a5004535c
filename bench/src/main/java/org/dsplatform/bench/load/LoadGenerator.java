package org.dsplatform.bench.load;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

import io.netty.channel.ChannelOption;
import reactor.core.Exceptions;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.HttpProtocol;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

/**
 * Runs HTTP load against one or more targets and measures it.
 * <p>
 * A generator owns a fixed set of event loop threads, one per core, shared by all its
 * runs; each run gets its own connection pool sized to its load (HTTP/1.1, keep-alive, no
 * retries) and closes it at the end, so runs do not inherit each other's connections.
 * Runs are meant to be made one at a time: two concurrent runs would compete for the same
 * event loops and each would measure the other. Close the generator when done.
 */
public final class LoadGenerator implements AutoCloseable {

	private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(5);

	private final LoopResources loops;

	public LoadGenerator() {
		this(Runtime.getRuntime().availableProcessors());
	}

	/**
	 * A generator with a chosen number of event loop threads.
	 * @param ioThreads the number of event loop threads
	 */
	public LoadGenerator(int ioThreads) {
		this.loops = LoopResources.create("bench", Math.max(1, ioThreads), true);
	}

	/**
	 * Makes one run and waits for it; the run takes {@code warmup + duration}, plus at
	 * most {@code drain} for the requests still outstanding at the end, whatever the
	 * targets do.
	 * @param spec the run
	 * @return what it measured
	 */
	public RunResult run(LoadSpec spec) {
		Load load = spec.load();
		ConnectionProvider pool = ConnectionProvider.builder("bench")
			.maxConnections(load.connectionsPerTarget())
			.pendingAcquireMaxCount(load.maxOutstanding())
			.pendingAcquireTimeout(spec.requestTimeout())
			.build();
		try {
			HttpClient client = client(HttpClient.create(pool), spec.requestTimeout());
			// Loads the native transport and sets up the resolver now rather than on the
			// run's clock.
			client.warmup().block(SHUTDOWN_TIMEOUT);
			LoadRun run = (load instanceof Load.ClosedLoop closed) ? new ClosedLoopRun(spec, client, closed)
					: new OpenLoopRun(spec, client, (Load.OpenLoop) load);
			return run.execute();
		}
		finally {
			dispose(pool.disposeLater());
		}
	}

	/**
	 * Sends the request once, to check that a target is there before a run.
	 * @param target the base URL
	 * @param request the request
	 * @param timeout how long to wait for the answer
	 * @return empty if the target answered with a 2xx status, otherwise what went wrong
	 * as the predicate of a sentence about the target, such as
	 * {@code is unreachable: ConnectException: Connection refused}
	 */
	public Optional<String> probe(URI target, BenchRequest request, Duration timeout) {
		HttpClient client = client(HttpClient.newConnection(), timeout);
		return LoadRun.exchange(LoadRun.receiver(client, LoadRun.base(target), request))
			.map((outcome) -> outcome.isSuccess() ? Optional.<String>empty()
					: Optional.of("answered " + outcome.errorKind() + " to " + request))
			.timeout(timeout)
			.onErrorResume((failure) -> Mono.just(Optional.of(describe(failure, timeout))))
			.block();
	}

	/**
	 * Sends {@code count} requests, each once, as fast as the targets answer them with
	 * {@code concurrency} outstanding, round robin over the targets: for preparing data
	 * before a run, such as the keys a read benchmark reads. Nothing is measured. Stops
	 * at the first request that does not get a 2xx answer within the timeout.
	 * @param targets the base URLs, used round robin
	 * @param requests what each request sends, asked for with the sequence numbers
	 * {@code 0 .. count - 1}; an exception it throws ends this call
	 * @param count how many requests to send
	 * @param concurrency how many to keep outstanding
	 * @param timeout how long one request may take
	 * @return empty if every request got a 2xx answer, otherwise the first failure as a
	 * sentence about its target, such as
	 * {@code http://127.0.0.1:8101 answered HTTP 503 to PUT /api/kv/keys/k1}
	 */
	public Optional<String> sendAll(List<URI> targets, RequestSupplier requests, int count, int concurrency,
			Duration timeout) {
		List<String> bases = targets.stream().map(LoadRun::base).toList();
		ConnectionProvider pool = ConnectionProvider.builder("bench-prepare")
			.maxConnections(concurrency)
			.pendingAcquireTimeout(timeout)
			.build();
		try {
			HttpClient client = client(HttpClient.create(pool), timeout);
			return Flux.range(0, count)
				.flatMap((sequence) -> sendOnce(client, bases.get(sequence % bases.size()), requests.next(sequence),
						timeout), concurrency)
				.filter(Optional::isPresent)
				.next()
				.defaultIfEmpty(Optional.empty())
				.block();
		}
		finally {
			dispose(pool.disposeLater());
		}
	}

	private static Mono<Optional<String>> sendOnce(HttpClient client, String base, BenchRequest request,
			Duration timeout) {
		return LoadRun.receiver(client, base, request)
			.responseSingle((response, body) -> body.asString(StandardCharsets.UTF_8).defaultIfEmpty("").map((text) -> {
				Outcome outcome = Outcome.ofStatus(response.status().code());
				if (outcome.isSuccess()) {
					return Optional.<String>empty();
				}
				// The answer's body (a problem document) usually says why.
				String why = text.isBlank() ? "" : ": " + abbreviate(text.strip(), 300);
				return Optional.of(base + " answered " + outcome.errorKind() + " to " + request + why);
			}))
			.timeout(timeout)
			.onErrorResume((failure) -> Mono.just(Optional.of(base + " " + describe(failure, timeout))));
	}

	private static String abbreviate(String text, int length) {
		return (text.length() <= length) ? text : text.substring(0, length) + "...";
	}

	@Override
	public void close() {
		dispose(this.loops.disposeLater(Duration.ZERO, SHUTDOWN_TIMEOUT));
	}

	private HttpClient client(HttpClient client, Duration requestTimeout) {
		return client.runOn(this.loops)
			.protocol(HttpProtocol.HTTP11)
			.keepAlive(true)
			// A retried request would be measured as one slow success instead of an error
			// and a success.
			.disableRetry(true)
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(requestTimeout.toMillis(), Integer.MAX_VALUE));
	}

	private static String describe(Throwable failure, Duration timeout) {
		Throwable cause = Exceptions.unwrap(failure);
		if (cause instanceof TimeoutException) {
			return "did not answer within " + timeout.toMillis() + " ms";
		}
		return "is unreachable: " + Outcome.kindOf(cause)
				+ ((cause.getMessage() != null) ? ": " + cause.getMessage() : "");
	}

	private static void dispose(Mono<Void> disposal) {
		disposal.timeout(SHUTDOWN_TIMEOUT).onErrorResume((failure) -> Mono.empty()).block();
	}

}
