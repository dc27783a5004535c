package org.dsplatform.bench;

import java.util.concurrent.Callable;

import io.netty.util.internal.logging.InternalLoggerFactory;
import io.netty.util.internal.logging.JdkLoggerFactory;
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

	/**
	 * SLF4J's provider that discards everything, which SLF4J falls back on when it finds
	 * none.
	 */
	static final String SILENT_SLF4J_PROVIDER = "org.slf4j.helpers.NOP_FallbackServiceProvider";

	public static void main(String[] args) {
		silenceLibraryLogging();
		System.exit(new CommandLine(new BenchCommand()).execute(args));
	}

	/**
	 * Keeps the libraries this process uses (Reactor Netty, Redisson, HttpClient) as
	 * silent as they were before Logback came onto the classpath with the plain Spring
	 * Cloud Gateway that gateway-overhead runs in a child JVM: Logback would log them at
	 * INFO on standard output, among the results. Netty logs through
	 * {@code java.util.logging}, as it did then. {@code -Dslf4j.provider=...} chooses
	 * another provider, and leaves all of them as they are.
	 */
	static void silenceLibraryLogging() {
		if (System.getProperty("slf4j.provider") == null) {
			System.setProperty("slf4j.provider", SILENT_SLF4J_PROVIDER);
			// Else SLF4J reports the provider it was told to use, on standard error.
			if (System.getProperty("slf4j.internal.verbosity") == null) {
				System.setProperty("slf4j.internal.verbosity", "WARN");
			}
			InternalLoggerFactory.setDefaultFactory(JdkLoggerFactory.INSTANCE);
		}
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
