package org.dsplatform.bench.load;

import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The counts and latencies of the measured requests of one run. Safe for concurrent use:
 * completions arrive on all the event loop threads at once.
 */
final class Tally {

	private static final int SIGNIFICANT_DIGITS = 3;

	private static final double MICROS_PER_MILLI = 1000.0;

	/**
	 * Auto-resizing, so a latency far beyond any expected bound is still recorded rather
	 * than rejected.
	 */
	private final Recorder latencies = new Recorder(SIGNIFICANT_DIGITS);

	private final LongAdder requests = new LongAdder();

	private final LongAdder errors = new LongAdder();

	private final Map<String, LongAdder> errorsByKind = new ConcurrentHashMap<>();

	void record(Outcome outcome, long latencyNanos) {
		this.requests.increment();
		if (outcome.isSuccess()) {
			this.latencies.recordValue(Math.max(0, TimeUnit.NANOSECONDS.toMicros(latencyNanos)));
		}
		else {
			this.errors.increment();
			this.errorsByKind.computeIfAbsent(outcome.errorKind(), (kind) -> new LongAdder()).increment();
		}
	}

	/**
	 * The result so far. Call it once every request has been recorded: a request recorded
	 * concurrently may be in some of the counts and not in others.
	 */
	RunResult result(Duration measured) {
		Histogram histogram = this.latencies.getIntervalHistogram();
		long requestCount = this.requests.sum();
		long errorCount = this.errors.sum();
		Map<String, Long> kinds = new LinkedHashMap<>();
		this.errorsByKind.entrySet()
			.stream()
			.map((entry) -> Map.entry(entry.getKey(), entry.getValue().sum()))
			.sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
				.thenComparing(Map.Entry.comparingByKey()))
			.forEach((entry) -> kinds.put(entry.getKey(), entry.getValue()));
		double seconds = measured.toNanos() / 1e9;
		return new RunResult(requestCount, errorCount, kinds, measured, (requestCount - errorCount) / seconds,
				millis(histogram, 50.0), millis(histogram, 90.0), millis(histogram, 99.0), millis(histogram, 99.9),
				(histogram.getTotalCount() > 0) ? histogram.getMaxValue() / MICROS_PER_MILLI : 0.0);
	}

	private static double millis(Histogram histogram, double percentile) {
		return (histogram.getTotalCount() > 0) ? histogram.getValueAtPercentile(percentile) / MICROS_PER_MILLI : 0.0;
	}

}
