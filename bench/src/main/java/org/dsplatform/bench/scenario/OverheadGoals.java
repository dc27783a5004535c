package org.dsplatform.bench.scenario;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * The goals for what the gateway costs, and whether one run's figures meet them: the
 * gateway carries at least a given share of the direct throughput, a larger share than
 * nginx in front of the same instances, and adds at most a given p99 at half the direct
 * capacity.
 *
 * @param minThroughputRatio the least gateway/direct throughput
 * @param maxAddedP99Millis the most p99 the gateway may add at half load, in milliseconds
 */
record OverheadGoals(double minThroughputRatio, double maxAddedP99Millis) {

	/**
	 * The platform's goals: at least 0.6 of direct, ahead of nginx, at most 2 ms of p99.
	 */
	static final OverheadGoals PLATFORM = new OverheadGoals(0.6, 2.0);

	/**
	 * Judges one run's figures against each goal.
	 * @param gatewayRatio gateway/direct throughput
	 * @param nginxRatio nginx/direct throughput, empty if nginx was not measured
	 * @param gatewayAddedP99Millis the gateway's p99 minus the direct p99 at half load
	 * @return one verdict per goal, in the order above
	 */
	List<Verdict> judge(double gatewayRatio, OptionalDouble nginxRatio, double gatewayAddedP99Millis) {
		Verdict share = new Verdict("gateway/direct >= " + plain(this.minThroughputRatio),
				Outcome.of(gatewayRatio >= this.minThroughputRatio), ratio(gatewayRatio));
		Verdict aheadOfNginx = nginxRatio.isPresent()
				? new Verdict("gateway/direct > nginx/direct", Outcome.of(gatewayRatio > nginxRatio.getAsDouble()),
						ratio(gatewayRatio) + " vs " + ratio(nginxRatio.getAsDouble()))
				: new Verdict("gateway/direct > nginx/direct", Outcome.NOT_CHECKED, "nginx not measured");
		Verdict addedP99 = new Verdict("gateway added p99 <= " + plain(this.maxAddedP99Millis) + " ms at half load",
				Outcome.of(gatewayAddedP99Millis <= this.maxAddedP99Millis), addedMillis(gatewayAddedP99Millis));
		return List.of(share, aheadOfNginx, addedP99);
	}

	/**
	 * All verdicts in a few words.
	 * @param verdicts the verdicts of one run
	 * @return such as {@code all 3 met}, {@code 1 of 3 met} or
	 * {@code 2 of 2 checked met, 1 not checked}
	 */
	static String overall(List<Verdict> verdicts) {
		long met = verdicts.stream().filter((verdict) -> verdict.outcome() == Outcome.MET).count();
		long checked = verdicts.stream().filter((verdict) -> verdict.outcome() != Outcome.NOT_CHECKED).count();
		long unchecked = verdicts.size() - checked;
		String result = (met == checked && unchecked == 0) ? "all " + met + " met"
				: met + " of " + checked + ((unchecked > 0) ? " checked" : "") + " met";
		return result + ((unchecked > 0) ? ", " + unchecked + " not checked" : "");
	}

	static String ratio(double ratio) {
		return String.format(Locale.ROOT, "%.2f", ratio);
	}

	static String addedMillis(double millis) {
		return String.format(Locale.ROOT, "%+.2f ms", millis);
	}

	private static String plain(double number) {
		return BigDecimal.valueOf(number).stripTrailingZeros().toPlainString();
	}

	/**
	 * Whether a goal was met.
	 */
	enum Outcome {

		MET("met"), NOT_MET("not met"), NOT_CHECKED("not checked");

		private final String words;

		Outcome(String words) {
			this.words = words;
		}

		static Outcome of(boolean met) {
			return met ? MET : NOT_MET;
		}

	}

	/**
	 * One goal judged.
	 *
	 * @param goal the goal, such as {@code gateway/direct >= 0.6}
	 * @param outcome whether it was met
	 * @param figures the figures it was judged on, or why it was not checked
	 */
	record Verdict(String goal, Outcome outcome, String figures) {

		/**
		 * The verdict as it reads in a summary.
		 * @return such as {@code not met (0.23)}
		 */
		String describe() {
			return this.outcome.words + " (" + this.figures + ")";
		}

	}

}
