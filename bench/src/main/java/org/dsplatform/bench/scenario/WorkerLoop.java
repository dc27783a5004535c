package org.dsplatform.bench.scenario;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.dsplatform.bench.load.RunResult;

/**
 * A small closed loop of blocking workers, for units of work the generator cannot send as
 * one request: an acquire followed by a release, or a call into a client library. Each of
 * {@code concurrency} threads runs its next unit as soon as the previous one completed; a
 * unit's latency counts from its start (the intended start in a closed loop) and goes
 * into an HdrHistogram in microseconds, units started in the warm-up are not counted. A
 * unit that throws is an error named after the exception's class.
 */
final class WorkerLoop {

	private static final double MICROS_PER_MILLI = 1000.0;

	private WorkerLoop() {
	}

	/**
	 * Runs {@code concurrency} workers for {@code warmup + duration}; with a
	 * {@code limit} above 0, the workers stop early once that many units (over all
	 * workers) have started, each unit getting its own number from a shared sequence.
	 */
	static RunResult run(int concurrency, Duration warmup, Duration duration, long limit, SequencedUnit unit)
			throws InterruptedException {
		Recorder latencies = new Recorder(3);
		LongAdder requests = new LongAdder();
		LongAdder errors = new LongAdder();
		Map<String, LongAdder> kinds = new ConcurrentHashMap<>();
		AtomicLong sequence = new AtomicLong();
		long start = System.nanoTime();
		long measureFrom = start + warmup.toNanos();
		long end = measureFrom + duration.toNanos();
		AtomicLong lastEnd = new AtomicLong(measureFrom);
		List<Thread> threads = new ArrayList<>();
		for (int w = 0; w < concurrency; w++) {
			int worker = w;
			Thread thread = new Thread(() -> {
				long iteration = 0;
				while (true) {
					long unitStart = System.nanoTime();
					if (unitStart >= end) {
						return;
					}
					long number = sequence.getAndIncrement();
					if (limit > 0 && number >= limit) {
						return;
					}
					boolean ok;
					String kind = null;
					try {
						unit.run(worker, iteration++, number);
						ok = true;
					}
					catch (Exception ex) {
						ok = false;
						kind = (ex instanceof BlockingHttp.StatusException) ? ex.getMessage()
								: ex.getClass().getSimpleName();
					}
					long unitEnd = System.nanoTime();
					lastEnd.accumulateAndGet(unitEnd, Math::max);
					if (unitStart >= measureFrom) {
						requests.increment();
						if (ok) {
							latencies.recordValue(TimeUnit.NANOSECONDS.toMicros(unitEnd - unitStart));
						}
						else {
							errors.increment();
							kinds.computeIfAbsent(kind, (k) -> new LongAdder()).increment();
						}
					}
				}
			}, "bench-worker-" + w);
			thread.setDaemon(true);
			threads.add(thread);
			thread.start();
		}
		for (Thread thread : threads) {
			thread.join();
		}
		Histogram histogram = latencies.getIntervalHistogram();
		long measuredNanos = Math.max(1, Math.min(end, lastEnd.get()) - measureFrom);
		if (limit > 0) {
			measuredNanos = Math.max(1, lastEnd.get() - measureFrom);
		}
		Duration measured = Duration.ofNanos(measuredNanos);
		Map<String, Long> errorsByKind = new LinkedHashMap<>();
		kinds.forEach((k, v) -> errorsByKind.put(k, v.sum()));
		long count = requests.sum();
		long errorCount = errors.sum();
		return new RunResult(count, errorCount, errorsByKind, measured, (count - errorCount) / (measuredNanos / 1e9),
				millis(histogram, 50.0), millis(histogram, 90.0), millis(histogram, 99.0), millis(histogram, 99.9),
				(histogram.getTotalCount() > 0) ? histogram.getMaxValue() / MICROS_PER_MILLI : 0.0);
	}

	private static double millis(Histogram histogram, double percentile) {
		return (histogram.getTotalCount() > 0) ? histogram.getValueAtPercentile(percentile) / MICROS_PER_MILLI : 0.0;
	}

	/** One unit of work that also gets its number in the shared sequence. */
	@FunctionalInterface
	interface SequencedUnit {

		void run(int worker, long iteration, long sequence) throws Exception;

	}

}
