package org.dsplatform.bench;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;
import org.slf4j.spi.SLF4JServiceProvider;
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

	@Test
	void silencesLibraryLoggingWithAProviderSlf4jHas() throws ClassNotFoundException {
		assertThat(Class.forName(BenchCommand.SILENT_SLF4J_PROVIDER)).isAssignableTo(SLF4JServiceProvider.class);
	}

}
