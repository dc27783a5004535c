package org.dsplatform.bench.report;

import org.dsplatform.bench.load.RunResult;

/**
 * One run in a report's table.
 *
 * @param mode how the load was offered, such as {@code closed-loop c=32}
 * @param target what it was offered to, such as {@code direct} or {@code gateway}
 * @param result what the run measured
 */
public record ResultRow(String mode, String target, RunResult result) {

	/** The run with the higher throughput of two, the first on a tie. */
	public static ResultRow faster(ResultRow one, ResultRow other) {
		return (other.result().throughput() > one.result().throughput()) ? other : one;
	}

	/** The same run under another mode. */
	public ResultRow as(String otherMode) {
		return new ResultRow(otherMode, this.target, this.result);
	}

}
