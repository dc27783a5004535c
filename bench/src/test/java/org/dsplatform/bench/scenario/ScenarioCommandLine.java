package org.dsplatform.bench.scenario;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.function.Consumer;

import org.dsplatform.bench.BenchCommand;
import picocli.CommandLine;

/**
 * The {@code bench} command line run in this JVM with the scenario's clock fixed at
 * 2025-03-07T14:05:09Z, so its report is named {@code <scenario>-20250307-140509.md}.
 */
final class ScenarioCommandLine {

	private ScenarioCommandLine() {
	}

	/**
	 * Runs a scenario.
	 * @param out where the command line prints
	 * @param err where it prints problems and progress
	 * @param args the arguments, the scenario's name first
	 * @return the exit code
	 */
	static int execute(StringWriter out, StringWriter err, String... args) {
		return execute(out, err, (scenario) -> {
		}, args);
	}

	/**
	 * Runs a scenario after changing its command object.
	 * @param out where the command line prints
	 * @param err where it prints problems and progress
	 * @param prepare what to change in the scenario's command before it runs
	 * @param args the arguments, the scenario's name first
	 * @return the exit code
	 */
	static int execute(StringWriter out, StringWriter err, Consumer<ScenarioCommand> prepare, String... args) {
		CommandLine commandLine = new CommandLine(new BenchCommand());
		commandLine.setOut(new PrintWriter(out, true));
		commandLine.setErr(new PrintWriter(err, true));
		CommandLine scenario = commandLine.getSubcommands().get(args[0]);
		ScenarioCommand command = (ScenarioCommand) scenario.getCommand();
		command.clock = Clock.fixed(Instant.parse("2025-03-07T14:05:09Z"), ZoneOffset.UTC);
		prepare.accept(command);
		return commandLine.execute(args);
	}

}
