package org.dsplatform.bench.scenario;

import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Shorter runs than the shared defaults, for scenarios made of many runs:
 * {@code --duration=10s --warmup=3s}.
 */
public final class ShortRunDefaults implements IDefaultValueProvider {

	@Override
	public String defaultValue(ArgSpec argSpec) {
		if (argSpec instanceof OptionSpec option) {
			return switch (option.longestName()) {
				case "--duration" -> "10s";
				case "--warmup" -> "3s";
				default -> null;
			};
		}
		return null;
	}

}
