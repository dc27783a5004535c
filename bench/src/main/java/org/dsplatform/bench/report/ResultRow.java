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

}
