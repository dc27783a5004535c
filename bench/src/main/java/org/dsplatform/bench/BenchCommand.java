package org.dsplatform.bench;

import java.util.concurrent.Callable;

import org.dsplatform.bench.scenario.CacheCommand;
import org.dsplatform.bench.scenario.GatewayOverheadCommand;
import org.dsplatform.bench.scenario.KvCommand;
import org.dsplatform.bench.scenario.LocksCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code bench} command: {@code bench <scenario> [options]}. Each scenario is a
 * subcommand; a new one is a {@code ScenarioCommand} in the scenario package, listed
 * here.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, versionProvider = BenchCommand.ManifestVersion.class,
		subcommands = { GatewayOverheadCommand.class, KvCommand.class, LocksCommand.class, CacheCommand.class,
				HelpCommand.class },
		description = "Drives the platform with HTTP load and reports throughput and latency.")
public final class BenchCommand implements Callable<Integer> {

	@Spec
	CommandSpec spec;

	public static void main(String[] args) {
		System.exit(new CommandLine(new BenchCommand()).execute(args));
	}

	@Override
	public Integer call() {
		this.spec.commandLine().getErr().println("Missing scenario.");
		this.spec.commandLine().usage(this.spec.commandLine().getErr());
		return this.spec.exitCodeOnInvalidInput();
	}

	static final class ManifestVersion implements IVersionProvider {

		@Override
		public String[] getVersion() {
			String version = BenchCommand.class.getPackage().getImplementationVersion();
			return new String[] { "bench " + ((version != null) ? version : "(development build)") };
		}

	}

}
