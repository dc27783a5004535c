package org.dsplatform.bench;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;

class BenchCommandTests {

	@Test
	void listsTheScenariosAndFailsWhenNoneIsGiven() {
		StringWriter err = new StringWriter();
		CommandLine commandLine = new CommandLine(new BenchCommand());
		commandLine.setErr(new PrintWriter(err, true));

		int exitCode = commandLine.execute();

		assertThat(exitCode).isEqualTo(2);
		assertThat(err.toString()).startsWith("Missing scenario.").contains("gateway-overhead");
	}

}
