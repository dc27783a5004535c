package org.dsplatform.bench.report;

import java.util.List;

/**
 * A table of runs under a heading.
 *
 * @param heading the section heading in the Markdown report
 * @param rows the runs, in the order to show them
 */
public record ResultTable(String heading, List<ResultRow> rows) {

	public ResultTable {
		rows = List.copyOf(rows);
	}

}
